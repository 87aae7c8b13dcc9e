// The Authenticator over a real library database: bootstrap, logins, lockout, tokens, passwords, PINs.
#include "fixture.hpp"

using namespace sxi;
using shuxiang::circulation::Operator;
using shuxiang::circulation::Patron;
using shuxiang::circulation::PatronKind;
using shuxiang::circulation::Role;

namespace {

const std::string kPw = "Correct-Horse-7781";

void add_reader(LibraryServices& lib, const std::string& id) {
    Patron p;
    p.id = id;
    p.name = "张小明";
    p.kind = PatronKind::Student;
    p.grade = 3;
    p.class_no = "2";
    ASSERT_TRUE(lib.patrons().add(Ctx{"lib1", kDay}, p).ok);
}

}  // namespace

TEST_F(IdentityTest, NewDatabaseAdminHasNoCredentialUntilBootstrap) {
    EXPECT_TRUE(auth.bootstrap_open());
    // The migration's admin exists but cannot authenticate: it has no password.
    EXPECT_TRUE(lib->operators().find("admin"));
    EXPECT_EQ(auth.login_operator("admin", "", kT0).result.code, "bad_credentials");
    EXPECT_EQ(auth.authenticate_operator("admin", "", "", kT0).result.code, "no_credential");
    EXPECT_TRUE(audited("identity.login", "no_credential"));
}

TEST_F(IdentityTest, BootstrapOnlyOnce) {
    EXPECT_EQ(auth.bootstrap("lib1", "", "short", kDay, kT0).code, "password_too_short");
    bootstrap();
    EXPECT_FALSE(auth.bootstrap_open());
    auto op = lib->operators().find("lib1");
    ASSERT_TRUE(op);
    EXPECT_EQ(op->role, Role::Librarian);
    EXPECT_TRUE(auth.login_operator("lib1", kPw, kT0).result.ok);
    auto again = auth.bootstrap("lib2", "", "Another-Password-1", kDay, kT0);
    EXPECT_EQ(again.code, "bootstrap_closed");
    EXPECT_FALSE(lib->operators().find("lib2"));
    EXPECT_TRUE(audited("identity.bootstrap", "bootstrap_closed"));
    // Claiming the migration's admin is refused as well once closed.
    EXPECT_EQ(auth.bootstrap("admin", "", "Another-Password-1", kDay, kT0).code, "bootstrap_closed");
}

TEST_F(IdentityTest, BootstrapCanClaimMigrationAdmin) {
    ASSERT_TRUE(auth.bootstrap("admin", "", kPw, kDay, kT0).ok);
    EXPECT_TRUE(auth.login_operator("admin", kPw, kT0).result.ok);
    EXPECT_FALSE(auth.bootstrap_open());
}

TEST_F(IdentityTest, BootstrapRefusesNonLibrarian) {
    ASSERT_TRUE(auth.bootstrap("lib1", "", kPw, kDay, kT0).ok);
    // A fresh database where a volunteer exists before any password: it cannot be the bootstrap.
    auto p2 = temp_db("BootstrapRefusesNonLibrarian2");
    auto lib2 = LibraryServices::open(p2);
    auto st2 = open_credentials(p2);
    Authenticator a2(*lib2, *st2);
    ASSERT_TRUE(lib2->operators().add(Ctx{"admin", kDay}, Operator{"v1", Role::Volunteer, "", ""}).ok);
    EXPECT_EQ(a2.bootstrap("v1", "", kPw, kDay, kT0).code, "bootstrap_not_librarian");
    EXPECT_TRUE(a2.bootstrap_open());
}

TEST_F(IdentityTest, WrongIdAndWrongPasswordLookTheSame) {
    bootstrap();
    auto wrong_pw = auth.login_operator("lib1", "Correct-Horse-7782", kT0);
    auto wrong_id = auth.login_operator("nobody", kPw, kT0);
    EXPECT_FALSE(wrong_pw.result.ok);
    EXPECT_EQ(wrong_pw.result.code, "bad_credentials");
    EXPECT_EQ(wrong_id.result.code, wrong_pw.result.code);
    EXPECT_EQ(wrong_id.result.message, wrong_pw.result.message);
    EXPECT_TRUE(audited("identity.login", "bad_credentials"));
}

TEST_F(IdentityTest, LockoutAfterFailuresAndRecoveryAfterWindow) {
    bootstrap();
    const auto& pol = auth.policy();
    for (int i = 0; i < pol.max_failures; ++i)
        EXPECT_EQ(auth.login_operator("lib1", "wrong-password", kT0 + i).result.code, "bad_credentials");
    // Locked now, even with the right password, and the message says for how long.
    auto locked = auth.login_operator("lib1", kPw, kT0 + 10);
    EXPECT_EQ(locked.result.code, "locked_out");
    EXPECT_NE(locked.result.message.find("15"), std::string::npos) << locked.result.message;
    EXPECT_TRUE(audited("identity.login", "locked_out"));
    // Attempts while locked do not extend the lock.
    for (int i = 0; i < 3; ++i) EXPECT_EQ(auth.login_operator("lib1", "wrong", kT0 + 20 + i).result.code, "locked_out");
    const long long after = kT0 + pol.max_failures - 1 + pol.lockout + 1;
    EXPECT_EQ(auth.login_operator("lib1", kPw, after - 2).result.code, "locked_out");
    EXPECT_TRUE(auth.login_operator("lib1", kPw, after).result.ok);
    // A success clears the count: one more failure does not lock again.
    EXPECT_EQ(auth.login_operator("lib1", "wrong", after + 1).result.code, "bad_credentials");
    EXPECT_TRUE(auth.login_operator("lib1", kPw, after + 2).result.ok);
}

TEST_F(IdentityTest, UnknownIdsLockOutToo) {
    // Otherwise a lockout message would tell an attacker which ids exist.
    for (int i = 0; i < auth.policy().max_failures; ++i) auth.login_operator("ghost", "x", kT0 + i);
    EXPECT_EQ(auth.login_operator("ghost", "x", kT0 + 10).result.code, "locked_out");
}

TEST_F(IdentityTest, TokenExpiryAndRevocation) {
    bootstrap();
    auto who = auth.login_operator("lib1", kPw, kT0).who;
    auto t = auth.issue_token(who, 3600, kT0);
    ASSERT_TRUE(t.result.ok);
    EXPECT_EQ(t.expires, kT0 + 3600);
    auto v = auth.verify_token(t.text, kT0 + 10);
    ASSERT_TRUE(v.result.ok) << v.result.message;
    EXPECT_EQ(v.who, who);
    EXPECT_EQ(auth.verify_token(t.text, kT0 + 3600).result.code, "token_expired");
    EXPECT_EQ(auth.verify_token("sxt_" + std::string(43, 'A'), kT0).result.code, "token_invalid");
    EXPECT_EQ(auth.verify_token("garbage", kT0).result.code, "token_invalid");
    EXPECT_EQ(auth.issue_token(who, 31LL * 24 * 3600, kT0).result.code, "ttl_too_long");

    auto t2 = auth.issue_token(who, 0, kT0);
    EXPECT_EQ(t2.expires, kT0 + auth.policy().default_token_ttl);
    ASSERT_TRUE(auth.revoke_token(t2.text, kT0 + 5).ok);
    EXPECT_EQ(auth.verify_token(t2.text, kT0 + 6).result.code, "token_revoked");
    EXPECT_EQ(auth.revoke_token(t2.text, kT0 + 7).code, "token_revoked");
    EXPECT_TRUE(audited("identity.token", "token_revoked"));
}

TEST_F(IdentityTest, AuthenticateOperatorByTokenOrPassword) {
    bootstrap();
    ASSERT_TRUE(lib->operators().add(as("lib1"), Operator{"v1", Role::Volunteer, "", ""}).ok);
    ASSERT_TRUE(auth.set_operator_password(as("lib1"), "v1", "Volunteer-Pass-1", kT0).ok);
    auto t = auth.issue_token(auth.login_operator("lib1", kPw, kT0).who, 3600, kT0);
    EXPECT_TRUE(auth.authenticate_operator("lib1", t.text, "", kT0 + 1).result.ok);
    // A token is good only for its own operator.
    EXPECT_EQ(auth.authenticate_operator("v1", t.text, "", kT0 + 1).result.code, "token_other_principal");
    EXPECT_TRUE(auth.authenticate_operator("v1", "", "Volunteer-Pass-1", kT0 + 1).result.ok);
    EXPECT_EQ(auth.authenticate_operator("v1", "", "nope-nope", kT0 + 1).result.code, "bad_credentials");
}

TEST_F(IdentityTest, PasswordChangesFollowRoles) {
    bootstrap();
    ASSERT_TRUE(lib->operators().add(as("lib1"), Operator{"v1", Role::Volunteer, "", ""}).ok);
    ASSERT_TRUE(lib->operators().add(as("lib1"), Operator{"v2", Role::Volunteer, "", ""}).ok);
    ASSERT_TRUE(auth.set_operator_password(as("lib1"), "v1", "Volunteer-Pass-1", kT0).ok);
    // A volunteer changes their own password, never another's.
    EXPECT_TRUE(auth.set_operator_password(as("v1"), "v1", "Volunteer-Pass-2", kT0).ok);
    EXPECT_EQ(auth.set_operator_password(as("v1"), "v2", "Volunteer-Pass-3", kT0).code, "not_permitted");
    EXPECT_TRUE(audited("identity.password", "not_permitted"));
    EXPECT_EQ(auth.set_operator_password(as("lib1"), "v9", "Volunteer-Pass-3", kT0).code, "unknown_operator");
    EXPECT_EQ(auth.set_operator_password(as("lib1"), "v1", "short", kT0).code, "password_too_short");
    EXPECT_FALSE(auth.login_operator("v1", "Volunteer-Pass-1", kT0).result.ok);
    // A new password ends the operator's sessions.
    auto t = auth.issue_token(auth.login_operator("v1", "Volunteer-Pass-2", kT0).who, 3600, kT0);
    ASSERT_TRUE(auth.set_operator_password(as("lib1"), "v1", "Volunteer-Pass-4", kT0 + 1).ok);
    EXPECT_EQ(auth.verify_token(t.text, kT0 + 2).result.code, "token_revoked");
}

TEST_F(IdentityTest, ReaderPinLogin) {
    bootstrap();
    add_reader(*lib, "2026001");
    ASSERT_TRUE(lib->operators().add(as("lib1"), Operator{"t1", Role::Teacher, "", ""}).ok);
    EXPECT_EQ(auth.set_reader_pin(as("t1"), "2026001", "4829", kT0).code, "not_permitted");
    EXPECT_EQ(auth.set_reader_pin(as("lib1"), "2026001", "48", kT0).code, "pin_too_short");
    EXPECT_EQ(auth.set_reader_pin(as("lib1"), "2026999", "4829", kT0).code, "unknown_reader");
    ASSERT_TRUE(auth.set_reader_pin(as("lib1"), "2026001", "4829", kT0).ok);
    auto ok = auth.login_reader("2026001", "4829", kT0);
    ASSERT_TRUE(ok.result.ok);
    EXPECT_EQ(ok.who.kind, PrincipalKind::Reader);
    EXPECT_EQ(ok.who.id, "2026001");
    auto wrong = auth.login_reader("2026001", "4820", kT0);
    auto unknown = auth.login_reader("2026002", "4829", kT0);
    EXPECT_EQ(wrong.result.code, "bad_credentials");
    EXPECT_EQ(unknown.result.message, wrong.result.message);
    // A reader's PIN is not an operator's password, even with the same id.
    EXPECT_FALSE(auth.login_operator("2026001", "4829", kT0).result.ok);
    auto t = auth.issue_token(ok.who, 3600, kT0);
    auto v = auth.verify_token(t.text, kT0 + 1);
    ASSERT_TRUE(v.result.ok);
    EXPECT_EQ(v.who.kind, PrincipalKind::Reader);
    EXPECT_EQ(auth.authenticate_operator("2026001", t.text, "", kT0 + 1).result.code, "token_other_principal");
}

TEST_F(IdentityTest, NoSecretInDatabaseFileOrAudit) {
    bootstrap();
    add_reader(*lib, "2026001");
    ASSERT_TRUE(auth.set_reader_pin(as("lib1"), "2026001", "917346", kT0).ok);
    auth.login_operator("lib1", "Wrong-Guess-55", kT0);
    auth.login_reader("2026001", "111999", kT0);
    auto t = auth.issue_token(auth.login_operator("lib1", kPw, kT0).who, 3600, kT0);
    ASSERT_TRUE(auth.verify_token(t.text, kT0).result.ok);
    store.reset();
    lib.reset();
    const std::string bytes = file_bytes(path);
    ASSERT_FALSE(bytes.empty());
    EXPECT_NE(bytes.find("$argon2id$"), std::string::npos);
    for (const std::string& secret : {kPw, std::string("917346"), std::string("Wrong-Guess-55"), std::string("111999"), t.text})
        EXPECT_EQ(bytes.find(secret), std::string::npos) << "found in clear: " << secret;
    EXPECT_NE(bytes.find(token_hash(t.text)), std::string::npos);
    lib = LibraryServices::open(path);
    for (auto& e : lib->admin().audit(1000)) {
        const std::string row = e.op + e.action + e.target + e.detail;
        for (const std::string& secret : {kPw, std::string("917346"), std::string("111999"), t.text})
            EXPECT_EQ(row.find(secret), std::string::npos) << row;
        EXPECT_EQ(row.find("张小明"), std::string::npos) << row;
    }
}

TEST_F(IdentityTest, DisabledOperatorCannotLogInOrUseAToken) {
    bootstrap();
    ASSERT_TRUE(lib->operators().add(as("lib1"), Operator{"v1", Role::Volunteer, "", ""}).ok);
    ASSERT_TRUE(auth.set_operator_password(as("lib1"), "v1", "Volunteer-Pass-1", kT0).ok);
    auto t = auth.issue_token(auth.login_operator("v1", "Volunteer-Pass-1", kT0).who, 3600, kT0);
    ASSERT_TRUE(lib->operators().set_disabled(as("lib1"), "v1", true).ok);
    EXPECT_EQ(auth.login_operator("v1", "Volunteer-Pass-1", kT0 + 1).result.code, "disabled");
    EXPECT_EQ(auth.verify_token(t.text, kT0 + 1).result.code, "disabled");
    EXPECT_EQ(auth.authenticate_operator("v1", "", "Volunteer-Pass-1", kT0 + 1).result.code, "disabled");
    EXPECT_TRUE(audited("identity.login", "disabled"));
    // A wrong password for a disabled operator still says only bad_credentials.
    EXPECT_EQ(auth.login_operator("v1", "Volunteer-Pass-9", kT0 + 1).result.code, "bad_credentials");
    ASSERT_TRUE(lib->operators().set_disabled(as("lib1"), "v1", false).ok);
    EXPECT_TRUE(auth.login_operator("v1", "Volunteer-Pass-1", kT0 + 2).result.ok);
    // Removed: its password goes with it.
    ASSERT_TRUE(lib->operators().remove(as("lib1"), "v1").ok);
    auth.forget_operator("v1", kT0 + 3);
    EXPECT_FALSE(auth.has_secret({PrincipalKind::Operator, "v1"}));
    EXPECT_EQ(auth.login_operator("v1", "Volunteer-Pass-1", kT0 + 3).result.code, "bad_credentials");
}

TEST_F(IdentityTest, CtxForPrincipals) {
    auto op = Authenticator::ctx_for({PrincipalKind::Operator, "lib1"}, kDay);
    EXPECT_EQ(op.op, "lib1");
    EXPECT_TRUE(op.reader.empty());
    auto rd = Authenticator::ctx_for({PrincipalKind::Reader, "2026001"}, kDay);
    EXPECT_TRUE(rd.op.empty());
    EXPECT_EQ(rd.reader, "2026001");
    EXPECT_EQ(rd.date, kDay);
}
