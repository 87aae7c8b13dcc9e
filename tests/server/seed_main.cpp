// test_server_seed <db>: the server tests' database (server_fixture.hpp's seed) for the browser test.
#include "server_fixture.hpp"

int main(int argc, char** argv) {
    if (argc != 2) return 2;
    std::filesystem::path db = argv[1];
    for (auto ext : {"", "-wal", "-shm"}) std::filesystem::remove(db.string() + ext);
    long long a = 0, b = 0;
    try {
        sxs::seed(db, a, b);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "%s\n", e.what());
        return 1;
    }
    std::printf("%lld %lld\n", a, b);
    return 0;
}
