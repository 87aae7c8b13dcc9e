#pragma once
// What the reading module counts as a copy the library holds.
namespace shuxiang::catalog {
class Store;
}

namespace shuxiang::reading {

// Copies of a record that are not lost or withdrawn.
long long copies_held(catalog::Store& store, long long record_id);

}  // namespace shuxiang::reading
