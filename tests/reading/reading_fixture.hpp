#pragma once
// A library with the titles of tests/data/reading/grade3.csv partly held, and a class of readers.
#include "circulation/fixture.hpp"
#include "shuxiang/reading/lists.hpp"
#include "shuxiang/util/fs.hpp"

namespace sxt {

inline std::filesystem::path reading_data(const std::string& name) {
    return std::filesystem::path(SHUXIANG_SOURCE_DIR) / "tests/data/reading" / name;
}

// A record with author and ISBN and `copies` copies <prefix>1..; its id.
inline long long add_book(cat::Store& st, const std::string& title, const std::string& author, const std::string& isbn,
                          int copies, const std::string& prefix) {
    std::vector<cat::ImportEntry> batch(1);
    auto& r = batch[0].record;
    r.title = title;
    r.responsibility = author;
    r.call_number = "I287.45/" + prefix;
    r.clc_class = "I287.45";
    if (!isbn.empty()) r.isbns = {isbn};
    r.control_number = "R" + prefix;
    r.marc = cat::synthesize_cnmarc(r);
    for (int i = 1; i <= copies; ++i) {
        cat::Item it;
        it.barcode = prefix + std::to_string(i);
        it.call_number = r.call_number;
        it.copy_number = i;
        batch[0].items.push_back(it);
    }
    st.import_batch(batch);
    return batch[0].record.id;
}

// A MARC data field.
inline cat::Field data_field(const std::string& tag, char i1, char i2, std::vector<cat::Subfield> subs) {
    cat::Field f;
    f.tag = tag;
    f.ind1 = i1;
    f.ind2 = i2;
    f.subfields = std::move(subs);
    return f;
}

// 草房子 (2 copies, ISBN-13), 城南旧事 (3, ISBN-13 while the list gives the ISBN-10), 昆虫记 (1, no
// ISBN: found by title and author), and 西游记, not on the list. 小王子 and 海底两万里 are missing.
struct ReadingLibrary {
    long long caofangzi = 0, chengnan = 0, kunchong = 0, xiyou = 0;
    void fill(cat::Store& st) {
        caofangzi = add_book(st, "草房子", "曹文轩著", "9787535300010", 2, "CF");
        chengnan = add_book(st, "城南旧事", "林海音 著", "9787020123452", 3, "CN");
        kunchong = add_book(st, "昆虫记", "(法)法布尔著", "", 1, "KC");
        xiyou = add_book(st, "西游记", "吴承恩", "", 1, "XY");
    }
};

}  // namespace sxt
