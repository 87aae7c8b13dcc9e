#include "shuxiang/util/fs.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "shuxiang/util/error.hpp"
#include "shuxiang/util/i18n.hpp"

namespace shuxiang {

std::string read_file(const std::filesystem::path& path) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) throw InputError(path.string(), "", tr("common.file.is_directory"));
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) throw InputError(path.string(), "", trf("common.file.cannot_open", {std::strerror(errno)}));
    auto fail = [&](int e) {
        ::close(fd);
        throw InputError(path.string(), "", trf("common.file.read_error", {std::strerror(e)}));
    };
    // Sized once from fstat and read in large pieces: a 50 MB catalog file took 7,000 reads and
    // three copies through a string stream. A file that grows meanwhile is read to its end.
    struct stat st {};
    if (::fstat(fd, &st) != 0) fail(errno);
    std::string out;
    out.resize(st.st_size > 0 ? static_cast<std::size_t>(st.st_size) : 0);
    std::size_t got = 0;
    while (true) {
        if (got == out.size()) out.resize(std::max<std::size_t>(out.size() * 2, 65536));
        ssize_t n = ::read(fd, out.data() + got, out.size() - got);
        if (n < 0) {
            if (errno == EINTR) continue;
            fail(errno);
        }
        if (n == 0) break;
        got += static_cast<std::size_t>(n);
    }
    ::close(fd);
    out.resize(got);
    return out;
}

FileBytes::FileBytes(const std::filesystem::path& path) {
    std::error_code ec;
    if (std::filesystem::is_regular_file(path, ec)) {
        const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd < 0) throw InputError(path.string(), "", trf("common.file.cannot_open", {std::strerror(errno)}));
        struct stat st {};
        if (::fstat(fd, &st) == 0 && st.st_size > 0) {
            void* m = ::mmap(nullptr, static_cast<std::size_t>(st.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
            if (m != MAP_FAILED) {
                map_ = m;
                map_size_ = static_cast<std::size_t>(st.st_size);
                ::madvise(map_, map_size_, MADV_SEQUENTIAL);
                view_ = std::string_view(static_cast<const char*>(map_), map_size_);
            }
        }
        ::close(fd);
        if (map_) return;
    }
    copy_ = read_file(path);
    view_ = copy_;
}

FileBytes::~FileBytes() {
    if (map_) ::munmap(map_, map_size_);
}

void atomic_write_file(const std::filesystem::path& path, std::string_view data) {
    namespace fs = std::filesystem;
    fs::path dir = path.parent_path();
    if (dir.empty()) dir = ".";
    std::string tmpl = (dir / ("." + path.filename().string() + ".tmpXXXXXX")).string();
    int fd = ::mkstemp(tmpl.data());
    if (fd < 0)
        throw InputError(path.string(), "", std::string("cannot create temporary file: ") + std::strerror(errno));
    auto fail = [&](const char* what) {
        int err = errno;
        ::close(fd);
        ::unlink(tmpl.c_str());
        throw InputError(path.string(), "", std::string(what) + ": " + std::strerror(err));
    };
    const char* p = data.data();
    size_t left = data.size();
    while (left > 0) {
        ssize_t n = ::write(fd, p, left);
        if (n < 0) {
            if (errno == EINTR) continue;
            fail("write failed");
        }
        p += n;
        left -= static_cast<size_t>(n);
    }
    if (::fsync(fd) != 0) fail("fsync failed");
    // mkstemp creates 0600; plans and reports are ordinary documents.
    ::fchmod(fd, 0644);
    if (::close(fd) != 0) {
        int err = errno;
        ::unlink(tmpl.c_str());
        throw InputError(path.string(), "", std::string("close failed: ") + std::strerror(err));
    }
    if (::rename(tmpl.c_str(), path.c_str()) != 0) {
        int err = errno;
        ::unlink(tmpl.c_str());
        throw InputError(path.string(), "", std::string("rename failed: ") + std::strerror(err));
    }
    int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY);
    if (dfd >= 0) {
        ::fsync(dfd);
        ::close(dfd);
    }
}

}  // namespace shuxiang
