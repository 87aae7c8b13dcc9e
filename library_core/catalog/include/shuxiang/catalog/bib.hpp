#pragma once
// A bibliographic record as the rest of Shuxiang sees it: the fields mapped out of MARC21 or
// CNMARC, next to the original MARC kept losslessly.
#include <optional>
#include <string>
#include <vector>

#include "shuxiang/catalog/marc.hpp"

namespace shuxiang::catalog {

// Who the book is for (CNMARC 100$a/17-19 target audience, MARC21 008/22); Unknown when not coded.
enum class Audience { Unknown, Preschool, Primary, Junior, Senior, Adult, General };

struct BibRecord {
    long long id = 0;                   // database id (0 before storing)
    std::string control_number;         // 001
    std::string title;                  // 245$a / 200$a
    std::string other_title;            // 245$b / 200$e
    std::string responsibility;         // 245$c / 200$f (+ $g)
    std::string edition;                // 250$a / 205$a
    std::string publisher;              // 260/264$b / 210$c
    std::string place;                  // 260/264$a / 210$a
    std::string year;                   // 260/264$c / 210$d (digits kept as written)
    std::vector<std::string> isbns;     // normalised ISBN-13 where valid, else as written
    std::optional<double> price;        // CNY (020$c / 010$d "CNY25.00")
    std::optional<int> pages;           // 300$a / 215$a
    std::string language;               // 041$a / 101$a, e.g. "chi"
    std::vector<std::string> subjects;  // 650/600/610/651 $a (+ $x $y $z joined with "--") / 606/600/607
    std::string series;                 // 490$a / 225$a
    std::string clc_class;              // 中图法 class: 084$a with $2 clc / 690$a
    std::string call_number;            // 索书号: class / 种次号 or author number (/ volume)
    Audience audience = Audience::Unknown;
    bool local_collection = false;      // e.g. 湖湘文化 material
    std::string summary;                // 520$a / 330$a
    MarcFlavor flavor = MarcFlavor::Cnmarc;
    MarcRecord marc;                    // the original, lossless
};

}  // namespace shuxiang::catalog
