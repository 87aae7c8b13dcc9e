// Serving until SIGINT or SIGTERM, shared by `shuxiang serve` and `shuxiang district serve`.
#pragma once

#include <pthread.h>

#include <csignal>
#include <thread>

namespace shuxiang::cli {

// Construct before the server so that every thread it starts inherits the blocked signals; then
// serve() runs the server until one of them arrives, taken by one thread that stops it.
class StopOnSignal {
public:
    StopOnSignal() {
        sigemptyset(&signals_);
        sigaddset(&signals_, SIGINT);
        sigaddset(&signals_, SIGTERM);
        pthread_sigmask(SIG_BLOCK, &signals_, nullptr);
    }

    template <class Server>
    void serve(Server& web) {
        std::thread stopper([&] {
            int sig = 0;
            sigwait(&signals_, &sig);
            web.stop();
        });
        web.serve();
        // serve() also ends when the socket fails; wake the stopper so that it can be joined.
        pthread_kill(stopper.native_handle(), SIGTERM);
        stopper.join();
    }

private:
    sigset_t signals_{};
};

}  // namespace shuxiang::cli
