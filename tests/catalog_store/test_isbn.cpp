#include <gtest/gtest.h>

#include "shuxiang/catalog/isbn.hpp"

using namespace shuxiang::catalog;

TEST(Isbn, StripsSeparatorsAndLabels) {
    EXPECT_EQ(isbn_strip("978-7-02-000220-7").value(), "9787020002207");
    EXPECT_EQ(isbn_strip(" ISBN 7 02 000220 x").value(), "702000220X");
    EXPECT_EQ(isbn_strip("ISBN-13: 978-0-306-40615-7").value(), "9780306406157");
    // Full-width digits and hyphen, ideographic space.
    EXPECT_EQ(isbn_strip("\xEF\xBC\x97\xEF\xBC\x8D" "02\xE3\x80\x80""000220X").value(), "702000220X");
    EXPECT_EQ(isbn_strip("ISBN\xEF\xBC\x9A" "978-7-02-000220-7").value(), "9787020002207");  // ISBN：
    EXPECT_FALSE(isbn_strip("978-7-02-00022").has_value());     // 11 digits
    EXPECT_FALSE(isbn_strip("97870200022X7").has_value());      // X not at the end of an ISBN-10
    EXPECT_FALSE(isbn_strip("978-7-02-000220-7 CNY25").has_value());
}

TEST(Isbn, Checksums) {
    EXPECT_TRUE(isbn10_valid("0306406152"));
    EXPECT_FALSE(isbn10_valid("0306406153"));
    EXPECT_TRUE(isbn10_valid("080442957X"));
    EXPECT_TRUE(isbn10_valid("080442957x"));
    EXPECT_FALSE(isbn10_valid("0804429579"));
    EXPECT_TRUE(isbn10_valid("702000220X"));
    EXPECT_EQ(isbn10_check_digit("702000220"), 'X');
    EXPECT_EQ(isbn13_check_digit("978702000220"), '7');
    EXPECT_TRUE(isbn13_valid("9787020002207"));
    EXPECT_FALSE(isbn13_valid("9787020002208"));
    EXPECT_TRUE(isbn13_valid("9791090636071"));
    EXPECT_FALSE(isbn13_valid("9771234567897"));  // 977 is ISSN, not ISBN
    EXPECT_FALSE(isbn13_valid("97870200022O7"));
}

TEST(Isbn, Conversion) {
    EXPECT_EQ(isbn10_to_13("7-02-000220-X").value(), "9787020002207");
    EXPECT_EQ(isbn10_to_13("0-306-40615-2").value(), "9780306406157");
    EXPECT_FALSE(isbn10_to_13("0-306-40615-3").has_value());
    EXPECT_EQ(isbn13_to_10("978-7-02-000220-7").value(), "702000220X");
    EXPECT_EQ(isbn13_to_10("9780306406157").value(), "0306406152");
    EXPECT_FALSE(isbn13_to_10("9791090636071").has_value());  // 979 has no ISBN-10
    EXPECT_FALSE(isbn13_to_10("9787020002208").has_value());
}

TEST(Isbn, Normalize) {
    EXPECT_EQ(isbn_normalize("7-02-000220-x").value(), "9787020002207");
    EXPECT_EQ(isbn_normalize("ISBN 978 7 02 000220 7").value(), "9787020002207");
    EXPECT_EQ(isbn_normalize("979-10-90636-07-1").value(), "9791090636071");
    EXPECT_FALSE(isbn_normalize("7-02-000220-1").has_value());
    EXPECT_FALSE(isbn_normalize("").has_value());
    EXPECT_FALSE(isbn_normalize("hello").has_value());
}
