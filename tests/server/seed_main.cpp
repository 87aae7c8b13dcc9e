// test_server_seed <db> [plan]: the server tests' database (server_fixture.hpp's seed) for the browser
// test; with a plan path, also the route plan written there and the collection shelved on it.
#include "server_fixture.hpp"

int main(int argc, char** argv) {
    if (argc != 2 && argc != 3) return 2;
    std::filesystem::path db = argv[1];
    for (auto ext : {"", "-wal", "-shm"}) std::filesystem::remove(db.string() + ext);
    long long a = 0, b = 0;
    try {
        sxs::seed(db, a, b);
        if (argc == 3) sxs::shelve_on_route_plan(db, argv[2]);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "%s\n", e.what());
        return 1;
    }
    std::printf("%lld %lld\n", a, b);
    return 0;
}
