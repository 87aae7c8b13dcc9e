// Password hashes and tokens: Argon2id in libsodium's format, tokens that are random and stored as hashes.
#include <gtest/gtest.h>
#include <sodium.h>

#include <set>

#include "shuxiang/identity/password.hpp"

using namespace shuxiang::identity;

TEST(Password, HashIsArgon2idAndVerifies) {
    auto h = hash_password("Correct-Horse-7781");
    EXPECT_EQ(h.rfind("$argon2id$", 0), 0u) << h;
    EXPECT_EQ(h.find("Correct-Horse"), std::string::npos);
    EXPECT_TRUE(verify_password(h, "Correct-Horse-7781"));
    EXPECT_FALSE(verify_password(h, "Correct-Horse-7782"));
    EXPECT_FALSE(verify_password(h, ""));
    EXPECT_FALSE(verify_password("not a hash", "Correct-Horse-7781"));
    EXPECT_FALSE(needs_rehash(h));
}

TEST(Password, SameSecretHashesDifferently) {
    // A random salt per hash: two readers with the same PIN do not share a stored value.
    EXPECT_NE(hash_password("1234"), hash_password("1234"));
}

TEST(Password, Argon2iHashNeedsRehash) {
    ASSERT_GE(sodium_init(), 0);
    char out[crypto_pwhash_STRBYTES];
    ASSERT_EQ(crypto_pwhash_str_alg(out, "pw", 2, crypto_pwhash_argon2i_OPSLIMIT_INTERACTIVE,
                                    crypto_pwhash_argon2i_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2I13), 0);
    EXPECT_TRUE(verify_password(out, "pw"));
    EXPECT_TRUE(needs_rehash(out));
}

TEST(Token, ShapeRandomnessAndHash) {
    std::set<std::string> seen;
    for (int i = 0; i < 50; ++i) {
        auto t = new_token();
        EXPECT_EQ(t.text.rfind("sxt_", 0), 0u);
        EXPECT_EQ(t.text.size(), 4u + 43u);
        EXPECT_TRUE(looks_like_token(t.text));
        EXPECT_EQ(t.hash, token_hash(t.text));
        EXPECT_EQ(t.hash.size(), 64u);
        EXPECT_EQ(t.hash.find(t.text.substr(4, 8)), std::string::npos);
        EXPECT_TRUE(seen.insert(t.text).second);
    }
    EXPECT_FALSE(looks_like_token("sxt_short"));
    EXPECT_FALSE(looks_like_token(std::string(47, 'a')));
}

TEST(Token, ConstantTimeCompare) {
    EXPECT_TRUE(equal_constant_time("abc", "abc"));
    EXPECT_FALSE(equal_constant_time("abc", "abd"));
    EXPECT_FALSE(equal_constant_time("abc", "abcd"));
}
