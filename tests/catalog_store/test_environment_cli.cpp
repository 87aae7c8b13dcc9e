// When the machine, not the input, stops the CLI: a read-only library file can still be searched
// and shown, writing to it exits 1 naming the file; a disk that fills up during an import exits 1
// naming the file and leaves a database that passes integrity_check. Real processes, a real file.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <optional>

#include "shuxiang/catalog/iso2709.hpp"
#include "shuxiang/util/fs.hpp"
#include "shuxiang/util/i18n.hpp"
#include "support/process.hpp"

using namespace shuxiang;
namespace fs = std::filesystem;

namespace {

const std::string kCamel = (fs::path(SHUXIANG_TEST_DATA_DIR) / "catalog" / "marc21_camel.usmarc").string();

struct Scratch {
    fs::path dir;
    explicit Scratch(const char* name) : dir(fs::temp_directory_path() / (std::string(name) + "_" + std::to_string(::getpid()))) {
        fs::remove_all(dir);
        fs::create_directories(dir);
    }
    ~Scratch() {
        fs::permissions(dir, fs::perms::owner_all, fs::perm_options::add);
        fs::remove_all(dir);
    }
    std::string db() const { return (dir / "library.db").string(); }
};

// How to run the CLI so that the scratch library is read-only to it, after the file and its folder
// lost their write bits: as yourself; as root (CI), which writes any file whatever its mode, as
// `nobody` when nobody can reach the program and its assets, else with the file and folder made
// immutable (chattr +i, undone by the caller; SX_TEST_NO_NOBODY=1 takes this way on purpose).
// nullopt when neither works here.
std::optional<std::string> read_only_runner(const Scratch& s, bool* immutable) {
    *immutable = false;
    if (::geteuid() != 0) return "";
    const std::string nobody = "setpriv --reuid 65534 --regid 65534 --clear-groups ";
    const std::string reach = nobody + "test -x " + SHUXIANG_BIN_DIR + "/shuxiang -a -r " + SHUXIANG_SOURCE_ASSET_DIR +
                              "/i18n/common.json -a -r " + s.db();
    if (std::getenv("SX_TEST_NO_NOBODY") == nullptr && test::run_command(reach).code == 0) return nobody;
    if (test::run_command("chattr +i " + s.db() + " " + s.dir.string()).code == 0) {
        *immutable = true;
        return "";
    }
    return std::nullopt;
}

// One value read from the database; `immutable` for a file in a folder where no -shm can be made.
std::string pragma(const std::string& db, const char* sql, bool immutable = false) {
    sqlite3* c = nullptr;
    std::string out;
    const std::string name = immutable ? "file:" + db + "?immutable=1" : db;
    if (sqlite3_open_v2(name.c_str(), &c, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, nullptr) == SQLITE_OK) {
        sqlite3_stmt* s = nullptr;
        if (sqlite3_prepare_v2(c, sql, -1, &s, nullptr) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW)
            out = reinterpret_cast<const char*>(sqlite3_column_text(s, 0));
        sqlite3_finalize(s);
    }
    sqlite3_close(c);
    return out;
}

}  // namespace

TEST(EnvironmentCli, ReadOnlyLibraryIsSearchedAndWritingExitsOne) {
    Scratch s("sx_ro_lib");
    ASSERT_EQ(test::run_shuxiang("catalog import --db " + s.db() + " " + kCamel).code, 0);
    ASSERT_FALSE(fs::exists(s.db() + "-wal"));  // closed cleanly: the WAL was checkpointed away
    // The file and its folder read-only (and readable by the user the commands run as).
    fs::permissions(s.db(), fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read);
    fs::permissions(s.dir, fs::perms::owner_read | fs::perms::owner_exec | fs::perms::group_read |
                               fs::perms::group_exec | fs::perms::others_read | fs::perms::others_exec);
    bool immutable = false;
    const auto runner = read_only_runner(s, &immutable);
    if (!runner) GTEST_SKIP() << "as root, neither `nobody` can reach the build nor chattr +i works here";
    struct Undo {
        const Scratch& s;
        bool on;
        ~Undo() {
            if (on) test::run_command("chattr -i " + s.db() + " " + s.dir.string());
        }
    } undo{s, immutable};
    const std::string sx = *runner + SHUXIANG_BIN_DIR + "/shuxiang --lang en ";
    auto r = test::run_command(sx + "catalog search --db " + s.db() + " perl");
    EXPECT_EQ(r.code, 0) << r.out;
    EXPECT_NE(r.out.find("Programming the Perl DBI"), std::string::npos) << r.out;
    r = test::run_command(sx + "catalog show --db " + s.db() + " 2");
    EXPECT_EQ(r.code, 0) << r.out;
    EXPECT_NE(r.out.find("Programming the Perl DBI"), std::string::npos) << r.out;

    // Writing: exit 1 (the machine refused), not 2 (bad input), naming the file, in the user's language.
    r = test::run_command(sx + "catalog import --db " + s.db() + " " + kCamel);
    EXPECT_EQ(r.code, 1) << r.out;
    EXPECT_NE(r.out.find(s.db() + ": the database file or its folder is read-only"), std::string::npos) << r.out;
    r = test::run_command(*runner + SHUXIANG_BIN_DIR + "/shuxiang catalog import --db " + s.db() + " " + kCamel);
    EXPECT_EQ(r.code, 1) << r.out;
    EXPECT_NE(r.out.find(s.db() + ": 数据库文件或其所在文件夹是只读的"), std::string::npos) << r.out;
    EXPECT_FALSE(fs::exists(s.db() + "-wal"));
    EXPECT_EQ(pragma(s.db(), "SELECT count(*) FROM records", immutable), "10");
}

TEST(EnvironmentCli, DiskFillingUpDuringImportExitsOneAndKeepsTheFileSound) {
    Scratch s("sx_full_lib");
    // 20,000 records into a process that may not write files beyond 1 MiB: the write that crosses
    // it fails as a full disk does (SIGXFSZ ignored, so write() returns an error).
    const fs::path big = s.dir / "big.mrc";
    {
        std::string data;
        for (int k = 0; k < 20000; ++k) {
            catalog::MarcRecord m;
            m.leader = "00000nam a2200000 i 4500";
            m.fields.push_back({"001", "FULL" + std::to_string(k), ' ', ' ', {}});
            m.fields.push_back({"245", "", '1', '0', {{'a', "Record " + std::to_string(k) + " of a library that fills the disk"}}});
            m.fields.push_back({"260", "", ' ', ' ', {{'b', "Publisher " + std::to_string(k % 97)}, {'c', "2015"}}});
            data += catalog::write_iso2709(m, catalog::MarcFlavor::Marc21);
        }
        atomic_write_file(big, data);
    }
    auto r = test::run_command("bash -c 'trap \"\" XFSZ; ulimit -f 1024; " + std::string(SHUXIANG_BIN_DIR) +
                               "/shuxiang --lang en catalog import --db " + s.db() + " " + big.string() + "'");
    EXPECT_EQ(r.code, 1) << r.out;
    EXPECT_NE(r.out.find(s.db() + ": "), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("disk"), std::string::npos) << r.out;
    EXPECT_EQ(r.out.find("Segmentation"), std::string::npos) << r.out;
    // What was committed is whole and sound; a later import with room finishes the job.
    EXPECT_EQ(pragma(s.db(), "PRAGMA integrity_check"), "ok");
    const long long kept = std::stoll(pragma(s.db(), "SELECT count(*) FROM records"));
    EXPECT_LT(kept, 20000);
    r = test::run_shuxiang("catalog import --db " + s.db() + " " + big.string());
    EXPECT_EQ(r.code, 0) << r.out;
    EXPECT_EQ(pragma(s.db(), "PRAGMA integrity_check"), "ok");
    EXPECT_EQ(pragma(s.db(), "SELECT count(*) FROM records"), "20000");
}
