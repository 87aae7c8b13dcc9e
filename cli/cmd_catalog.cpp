// `shuxiang catalog ...`: import (with overlay and undo), check, export, search, show, stats,
// callno-sort, demo; the maintenance commands come from cmd_catalog_maint.cpp.
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <thread>

#include "auth.hpp"
#include "cmd_catalog_maint.hpp"
#include "registry.hpp"
#include "shuxiang/catalog/charset.hpp"
#include "shuxiang/catalog/clc.hpp"
#include "shuxiang/catalog/csv.hpp"
#include "shuxiang/catalog/demo.hpp"
#include "shuxiang/catalog/import.hpp"
#include "shuxiang/catalog/isbn.hpp"
#include "shuxiang/catalog/iso2709.hpp"
#include "shuxiang/catalog/mapping.hpp"
#include "shuxiang/catalog/marcxml.hpp"
#include "shuxiang/catalog/store.hpp"
#include "shuxiang/reading/digital.hpp"
#include "shuxiang/util/error.hpp"
#include "shuxiang/util/fs.hpp"
#include "shuxiang/util/i18n.hpp"

namespace shuxiang::cli {
namespace {

using namespace shuxiang::catalog;
using nlohmann::json;

// A progress bar on stdout, only when stdout is a terminal (never in pipes, files or tests).
class Progress {
public:
    explicit Progress(std::string label) : label_(std::move(label)), on_(::isatty(STDOUT_FILENO) == 1) {}
    ~Progress() { finish(); }
    void update(double fraction, long long count) {
        if (!on_) return;
        int pct = static_cast<int>(fraction * 100.0);
        if (pct == last_ && count - last_count_ < 10000) return;
        last_ = pct;
        last_count_ = count;
        int width = 30;
        int fill = static_cast<int>(fraction * width);
        std::string bar(static_cast<std::size_t>(std::max(0, std::min(width, fill))), '#');
        bar.resize(static_cast<std::size_t>(width), '.');
        std::printf("\r%s [%s] %3d%% %lld", label_.c_str(), bar.c_str(), pct, count);
        std::fflush(stdout);
    }
    void finish() {
        if (on_ && last_ >= 0) std::printf("\r\033[K");
        std::fflush(stdout);
        last_ = -1;
    }

private:
    std::string label_;
    bool on_;
    int last_ = -1;
    long long last_count_ = 0;
};

std::string lower(std::string s) {
    for (auto& c : s)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return s;
}

std::string ext_of(const std::string& f) {
    auto dot = f.rfind('.');
    return dot == std::string::npos ? "" : lower(f.substr(dot + 1));
}

json record_json(const BibRecord& r) {
    json j = {{"id", r.id},
              {"control_number", r.control_number},
              {"title", r.title},
              {"other_title", r.other_title},
              {"responsibility", r.responsibility},
              {"edition", r.edition},
              {"publisher", r.publisher},
              {"place", r.place},
              {"year", r.year},
              {"isbns", r.isbns},
              {"language", r.language},
              {"subjects", r.subjects},
              {"series", r.series},
              {"clc_class", r.clc_class},
              {"call_number", r.call_number},
              {"local_collection", r.local_collection},
              {"summary", r.summary},
              {"flavor", r.flavor == MarcFlavor::Cnmarc ? "cnmarc" : "marc21"}};
    j["price"] = r.price ? json(*r.price) : json(nullptr);
    j["pages"] = r.pages ? json(*r.pages) : json(nullptr);
    return j;
}

json item_json(const Item& it) {
    json j = {{"id", it.id},           {"barcode", it.barcode},   {"record_id", it.record_id},
              {"call_number", it.call_number}, {"copy_number", it.copy_number}, {"status", to_string(it.status)},
              {"location", it.location}, {"acquired", it.acquired}, {"source", it.source}};
    j["price"] = it.price ? json(*it.price) : json(nullptr);
    return j;
}

void note_synthetic(Store& st) {
    if (st.meta("synthetic").value_or("") == "1") std::cerr << tr("catalog.msg.synthetic") << "\n";
}

// ---- import ----
struct ImportArgs {
    std::string db;
    std::vector<std::string> files;
    std::string format = "auto";
    std::string encoding = "auto";
    bool strict = false;
    bool json_out = false;
    bool overlay = false;
    std::string as;  // the acting operator, recorded with the import run (authenticated when given)
    std::string password_file;
    long long undo = 0;  // --undo BATCH instead of importing
    // Records per transaction: larger batches rewrite fewer index pages, but about three batches are
    // in memory at once. Importing 100,000 MARC21 records (bench/catalog_formats/import_marc21.sh):
    // peak RSS 264 MB at 10,000, 159 MB at 2,500, 145 MB at 1,500, the same CPU time within noise;
    // most of the rest is the database's page cache (docs/benchmarks.md).
    std::size_t batch = 2500;
};

struct FileSummary {
    std::string file;
    long long batch = 0;  // the import run of this file (catalog import --undo)
    BatchResult result;
    std::vector<std::string> problems;  // "where: message"
    std::vector<std::string> notes;     // informational (legacy charset codes): nothing repaired
    std::size_t repaired = 0;
    std::size_t skipped = 0;       // records that could not be read at all
    std::size_t untitled = 0;      // records imported without a title (each one is a problem)
};

// The reading path of a file: "csv", "marcxml" or "iso2709". A MARCXML file is read as MARCXML
// even when --format names a flavor (marc21, cnmarc).
std::string kind_of(const std::string& fmt, const std::string& file, std::string_view data) {
    if (fmt == "auto") {
        const std::string e = ext_of(file);
        if (e == "csv" || e == "tsv") return "csv";
        return looks_like_marcxml(data) ? "marcxml" : "iso2709";
    }
    if ((fmt == "marc21" || fmt == "cnmarc") && looks_like_marcxml(data)) return "marcxml";
    return fmt;
}

// A --format marc21/cnmarc that the file contradicts is refused before anything is written: read
// as the other flavor, its records would be imported without titles. Every record is looked at;
// one whose title field proves the other flavor (evident_flavor) is enough.
void refuse_contradicting_format(const std::string& file, std::string_view data, const std::string& kind,
                                 MarcFlavor claimed) {
    ReadOptions o;
    o.file_name = file;
    o.flavor = claimed;
    std::size_t total = 0, contra = 0, first = 0;
    auto look = [&](const ReadRecord& rr) {
        ++total;
        const auto f = evident_flavor(rr.record);
        if (!f || *f == claimed) return;
        if (contra++ == 0) first = rr.number;
    };
    if (kind == "marcxml") {
        for (const auto& rr : read_marcxml(data, o)) look(rr);
    } else {
        Iso2709Reader rd(data, o);
        ReadRecord rr;
        while (rd.next(rr)) look(rr);
    }
    if (contra == 0) return;
    const bool m21 = claimed == MarcFlavor::Marc21;
    throw InputError(file, "record " + std::to_string(first),
                     trf("catalog.msg.format_contradicts",
                         {m21 ? "marc21" : "cnmarc", std::to_string(contra), std::to_string(total),
                          m21 ? "CNMARC" : "MARC21", m21 ? "200" : "245", m21 ? "245" : "200", m21 ? "cnmarc" : "marc21"}));
}

// A CSV copy whose barcode the library already has on another record is refused, naming its line
// (under --strict the file is refused); on the same record, a re-import, the store keeps the copy
// as it is. A record all of whose copies are refused is not imported either.
void refuse_taken_barcodes(Store& st, CsvImport& res, const std::string& file, bool strict,
                           std::vector<std::string>& problems) {
    if (st.item_count() == 0) return;
    std::erase_if(res.entries, [&](ImportEntry& e) {
        if (e.items.empty()) return false;
        const std::string key = dedupe_key(e.record);
        std::erase_if(e.items, [&](const Item& it) {
            const auto have = st.item_by_barcode(it.barcode);
            if (!have) return false;
            const auto owner = st.record(have->record_id);
            if (owner && dedupe_key(*owner) == key) return false;
            InputError err(file, "line " + std::to_string(res.barcode_lines[it.barcode]),
                           trf("catalog.csv.barcode_taken",
                               {it.barcode, std::to_string(have->record_id), owner ? owner->title : ""}));
            if (strict) throw err;
            problems.push_back(err.what());
            return true;
        });
        return e.items.empty();
    });
}

int run_import(const ImportArgs& a) {
    auto st = open_store(a.db);
    // An import in an operator's name (recorded with the run) is made by that operator, authenticated;
    // without one (a new library's first import) the run records no operator.
    const std::string op = a.as.empty() && !std::getenv("SHUXIANG_TOKEN")
                               ? std::string()
                               : authorized_operator(a.db, {a.as, a.password_file}, circulation::Action::Catalogue,
                                                     "catalog.import", "", a.json_out);
    std::vector<FileSummary> summaries;
    bool nothing_read = false;
    const std::string fmt = lower(a.format);
    if (fmt != "auto" && fmt != "marc21" && fmt != "cnmarc" && fmt != "marcxml" && fmt != "csv" && fmt != "iso2709")
        throw InputError("", "--format", trf("catalog.msg.bad_format", {a.format}));
    if (fmt == "marc21" || fmt == "cnmarc")
        for (const auto& file : a.files) {
            const FileBytes bytes(file);
            refuse_contradicting_format(file, bytes.view(), kind_of(fmt, file, bytes.view()),
                                        fmt == "marc21" ? MarcFlavor::Marc21 : MarcFlavor::Cnmarc);
        }
    for (const auto& file : a.files) {
        FileSummary sum;
        sum.file = file;
        const FileBytes bytes(file);  // mapped, not copied: a catalog file may be large
        const std::string_view data = bytes.view();
        const std::string kind = kind_of(fmt, file, data);
        // One import run per file: what it added can be taken back with --undo.
        ImportRun run;
        run.op = op;
        run.source = file;
        run.overlay = a.overlay;
        run.overlay_fields_only = kind == "csv";
        sum.batch = st->begin_import(run);
        struct EndRun {
            Store& st;
            ~EndRun() {
                try {
                    st.end_import();
                } catch (...) {  // the totals stay unwritten; the run itself is recorded
                }
            }
        } end_run{*st};
        Progress bar(file);
        // Reading and mapping run on a second thread while the previous batch is written.
        auto written = [&](double progress, long long n, const BatchResult&) { bar.update(progress, n); };
        if (kind == "csv") {
            CsvOptions o;
            o.encoding = a.encoding;
            o.strict = a.strict;
            auto res = parse_catalog_csv(data, file, o);
            for (const auto& e : res.errors) sum.problems.push_back(e.what());
            for (const auto& w : res.warnings) sum.problems.push_back(w.what());
            refuse_taken_barcodes(*st, res, file, a.strict, sum.problems);
            if (!res.ignored_columns.empty()) {
                std::string cols;
                for (const auto& c : res.ignored_columns) cols += (cols.empty() ? "" : ", ") + c;
                std::cerr << file << ": " << trf("catalog.msg.ignored_columns", {cols}) << "\n";
            }
            const auto total = static_cast<double>(res.entries.size());
            sum.result = import_overlapped(
                *st, a.batch,
                [&](const AddEntry& add) {
                    std::size_t n = 0;
                    for (auto& e : res.entries) add(std::move(e), static_cast<double>(++n) / total);
                },
                written);
        } else {
            ReadOptions ro;
            ro.mode = a.strict ? ReadMode::Strict : ReadMode::Permissive;
            ro.file_name = file;
            if (!parse_encoding(a.encoding, ro.encoding))
                throw InputError("", "--encoding", trf("catalog.csv.cannot_decode", {a.encoding}));
            if (fmt == "marc21") ro.flavor = MarcFlavor::Marc21;
            if (fmt == "cnmarc") ro.flavor = MarcFlavor::Cnmarc;
            MappingOptions mo;
            mo.normalize_isbn = [](std::string_view s) {
                auto n = isbn_normalize(s);
                return n ? *n : clean_isbn(s);
            };
            // On the producer thread: only it touches sum.problems and sum.repaired until the import returns.
            // Takes the record out of rr (the reader refills it).
            auto entry_of = [&](ReadRecord& rr) {
                bool repaired = false;
                for (const auto& d : rr.diagnostics) {
                    (d.note ? sum.notes : sum.problems).push_back(d.where() + ": " + d.message());
                    repaired = repaired || !d.note;
                }
                if (repaired) ++sum.repaired;
                ImportEntry e;
                e.items = holdings_from_marc(rr.record, rr.flavor);
                const std::size_t number = rr.number;
                e.record = to_bib(std::move(rr.record), rr.flavor, mo);
                // Once the MARC blob is encoded nothing downstream reads the parsed fields: they go
                // back to the reader, which refills their strings in place instead of allocating a
                // hundred new ones per record (a sixth of the import's CPU was malloc and free).
                prepare_import_entry(e);
                rr.record = std::move(e.record.marc);
                e.record.marc = MarcRecord{};
                if (e.record.title.empty()) {
                    ++sum.untitled;
                    sum.problems.push_back("record " + std::to_string(number) + ": " +
                                           tr(rr.flavor == MarcFlavor::Marc21 ? "catalog.msg.no_title_marc21"
                                                                               : "catalog.msg.no_title_cnmarc"));
                }
                return e;
            };
            // Strict mode refuses a file with any defect as a whole: an ISO 2709 file is read through
            // once before anything is written (MARCXML and CSV are read whole before writing anyway).
            if (a.strict && kind != "marcxml") {
                Iso2709Reader check(data, ro);
                ReadRecord rr;
                while (check.next(rr)) {
                }
            }
            sum.result = import_overlapped(
                *st, a.batch,
                [&](const AddEntry& add) {
                    // Defects that belong to no returned record: between records (garbage skipped),
                    // of the file as a whole (XML broken off), or of a record that could not be read
                    // at all and was skipped.
                    constexpr std::size_t kNone = static_cast<std::size_t>(-1);  // no record being returned
                    std::size_t last_skipped = 0;  // the number of the last skipped record counted
                    auto report_unreturned = [&](const Diagnostic& d, std::size_t returned_number) {
                        if (d.record == returned_number) return;  // reported with its record
                        sum.problems.push_back(d.where() + ": " + d.message());
                        if (d.record != 0 && d.record != last_skipped) {
                            last_skipped = d.record;
                            ++sum.skipped;
                        }
                    };
                    if (kind == "marcxml") {
                        std::vector<Diagnostic> diags;
                        auto recs = read_marcxml(data, ro, &diags);
                        std::vector<std::size_t> numbers;
                        for (const auto& rr : recs) numbers.push_back(rr.number);
                        for (const auto& d : diags)
                            if (!std::binary_search(numbers.begin(), numbers.end(), d.record)) report_unreturned(d, kNone);
                        std::size_t n = 0;
                        for (auto& rr : recs)
                            add(entry_of(rr), static_cast<double>(++n) / static_cast<double>(recs.size()));
                        return;
                    }
                    // The reader maps the file itself, so it can hand back the pages it has read.
                    Iso2709Reader rd = Iso2709Reader::open(file, ro);
                    ReadRecord rr;
                    std::size_t next_diag = 0;  // rd.diagnostics() before this index are reported
                    const auto size = static_cast<double>(std::max<std::size_t>(rd.size(), 1));
                    while (rd.next(rr)) {
                        const auto& all = rd.diagnostics();
                        for (; next_diag < all.size(); ++next_diag) report_unreturned(all[next_diag], rr.number);
                        add(entry_of(rr), static_cast<double>(rd.position()) / size);
                    }
                    const auto& all = rd.diagnostics();
                    for (; next_diag < all.size(); ++next_diag) report_unreturned(all[next_diag], kNone);
                },
                written);
        }
        bar.finish();
        // A file that gave no record at all (garbage, an empty file, the wrong format) is bad
        // input, not a successful import of nothing: it is named and the command exits with 2.
        if (sum.result.records_added + sum.result.records_existing == 0) {
            sum.problems.push_back(tr("catalog.msg.no_records"));
            nothing_read = true;
        }
        summaries.push_back(std::move(sum));
    }
    // No final merge of the search index into one segment: FTS5's incremental merging keeps the
    // segments few (a 100,000-record import ends with a handful), and on 1,000,000 records the
    // merge bought nothing measurable (search median 0.84 against 0.91 ms, p90 3.0 against 2.1 ms)
    // for 0.17 s per 100,000 records imported and a rewrite of the whole index after every import.
    if (a.json_out) {
        json out = json::array();
        for (const auto& s : summaries)
            out.push_back({{"file", s.file},
                           {"records_added", s.result.records_added},
                           {"records_existing", s.result.records_existing},
                           {"records_updated", s.result.records_updated},
                           {"items_updated", s.result.items_updated},
                           {"batch", s.batch},
                           {"items_added", s.result.items_added},
                           {"items_existing", s.result.items_existing},
                           {"repaired_records", s.repaired},
                           {"skipped_records", s.skipped},
                           {"untitled_records", s.untitled},
                           {"problems", s.problems},
                           {"notes", s.notes}});
        std::cout << out.dump(2) << "\n";
    } else {
        for (const auto& s : summaries) {
            std::cout << trf("catalog.msg.imported",
                             {s.file, std::to_string(s.result.records_added), std::to_string(s.result.records_existing),
                              std::to_string(s.result.items_added), std::to_string(s.result.items_existing),
                              std::to_string(s.problems.size())})
                      << "\n";
            std::cout << trf("catalog.msg.import_batch", {std::to_string(s.batch), std::to_string(s.result.records_updated),
                                                          std::to_string(s.result.items_updated)})
                      << "\n";
            // The first problems in full; a long tail of the same defect would drown the summary.
            const std::size_t shown = std::min<std::size_t>(s.problems.size(), 20);
            for (std::size_t k = 0; k < shown; ++k) std::cerr << "  " << s.problems[k] << "\n";
            if (s.problems.size() > shown)
                std::cerr << "  " << trf("catalog.msg.more_problems", {std::to_string(s.problems.size() - shown)}) << "\n";
            if (s.skipped > 0)
                std::cerr << trf("catalog.msg.skipped_records", {s.file, std::to_string(s.skipped)}) << "\n";
            if (s.untitled > 0)
                std::cerr << trf("catalog.msg.untitled_records", {s.file, std::to_string(s.untitled)}) << "\n";
            if (!s.notes.empty())
                std::cerr << trf("catalog.msg.notes", {s.file, std::to_string(s.notes.size()), s.notes.front()}) << "\n";
        }
    }
    return nothing_read ? 2 : 0;
}

// `catalog import --undo BATCH`: takes one import run back, or says why not (exit 3).
int run_undo(const ImportArgs& a) {
    if (!a.files.empty()) throw InputError("", "--undo", tr("catalog.msg.undo_with_files"));
    if (a.as.empty() && !std::getenv("SHUXIANG_TOKEN")) throw InputError("", "--as", tr("catalog.msg.undo_needs_as"));
    const std::string op = authorized_operator(a.db, {a.as, a.password_file}, circulation::Action::Catalogue, "catalog.undo",
                                               std::to_string(a.undo), a.json_out);
    auto st = open_store(a.db);
    auto r = st->undo_import(a.undo, op);
    std::string done = r.ok ? trf("catalog.ok.undone", {std::to_string(a.undo), r.args.at(0), r.args.at(1), r.args.at(2)}) : "";
    return report_change(r, done, a.json_out);
}

// ---- check ----
// What `catalog check` found in one file.
struct CheckCount {
    std::size_t records = 0;    // records read (repaired ones included)
    std::size_t defective = 0;  // records with at least one defect (notes do not count)
    std::size_t defects = 0;    // defects printed, those between records included
};

// Prints one line per defect, "FILE: record N, byte OFFSET: message", in file order.
void print_defects(const std::string& file, const std::vector<Diagnostic>& diags, CheckCount& c) {
    for (const auto& d : diags) {
        if (d.note) continue;
        ++c.defects;
        std::cout << file << ": " << d.where() << ": " << d.message() << "\n";
    }
}

// Validates one file like `yaz-marcdump -n`: reads every record, prints nothing for a clean file.
CheckCount check_file(const std::string& file, const std::string& fmt) {
    CheckCount c;
    ReadOptions ro;
    ro.file_name = file;
    ro.keep_fields = false;
    std::set<std::size_t> bad;
    auto count = [&](const std::vector<Diagnostic>& ds) {
        for (const auto& d : ds)
            if (!d.note && d.record != 0) bad.insert(d.record);
    };
    const FileBytes bytes(file);
    if (kind_of(fmt, file, bytes.view()) == "marcxml") {
        std::vector<Diagnostic> diags;
        c.records = read_marcxml(bytes.view(), ro, &diags).size();
        count(diags);
        print_defects(file, diags, c);
    } else {
        // Large files are checked on every core; the result is the same as one reader's.
        const unsigned threads = bytes.view().size() < (1U << 20) ? 1U : std::max(1U, std::thread::hardware_concurrency());
        const CheckResult res = check_iso2709(bytes.view(), ro, threads);
        c.records = res.records;
        count(res.diagnostics);
        print_defects(file, res.diagnostics, c);
    }
    c.defective = bad.size();
    return c;
}

int run_check(const std::vector<std::string>& files, const std::string& format) {
    const std::string fmt = lower(format);
    if (fmt != "auto" && fmt != "iso2709" && fmt != "marcxml")
        throw InputError("", "--format", trf("catalog.msg.bad_format", {format}));
    bool any = false;
    for (const auto& file : files) {
        const CheckCount c = check_file(file, fmt);
        std::cout.flush();
        std::cerr << trf("catalog.check.summary", {file, std::to_string(c.records), std::to_string(c.defective),
                                                   std::to_string(c.defects)})
                  << "\n";
        any = any || c.defects > 0;
    }
    return any ? 5 : 0;
}

// ---- export ----
int run_export(const std::string& db, const std::string& format, const std::string& out) {
    auto st = open_store(db);
    const std::string fmt = lower(format);
    std::string data;
    long long n = 0;
    if (fmt == "csv") {
        data = catalog_csv_header();
        st->for_each_record([&](const BibRecord& r) {
            data += catalog_csv_rows(r, st->items_of(r.id));
            ++n;
        });
    } else if (fmt == "marc21" || fmt == "cnmarc" || fmt == "marcxml") {
        const MarcFlavor target = fmt == "marc21" ? MarcFlavor::Marc21 : MarcFlavor::Cnmarc;
        std::vector<MarcRecord> xml_records;
        std::optional<MarcFlavor> xml_flavor;
        st->for_each_record([&](const BibRecord& r) {
            ++n;
            // The stored original goes out untouched when the flavor matches, so a round trip
            // keeps every field, indicator and subfield; otherwise the mapping builds a new record.
            // Its holdings fields are then matched to the copies now stored (added, withdrawn).
            const bool keep = !r.marc.fields.empty() && (fmt == "marcxml" || r.flavor == target);
            MarcFlavor flavor = fmt == "marcxml" ? r.flavor : target;
            MarcRecord m = with_holdings(keep ? r.marc : to_marc(r, flavor), flavor, st->items_of(r.id));
            if (fmt == "marcxml") {
                if (!xml_flavor) xml_flavor = flavor;
                xml_records.push_back(std::move(m));
            } else {
                data += write_iso2709(m, target);
            }
        });
        if (fmt == "marcxml") {
            std::vector<std::string> warnings;
            data = write_marcxml(xml_records, xml_flavor.value_or(MarcFlavor::Cnmarc), &warnings);
            for (const auto& w : warnings) std::cerr << out << ": " << w << "\n";
        }
    } else {
        throw InputError("", "--format", trf("catalog.msg.bad_format", {format}));
    }
    atomic_write_file(out, data);
    std::cout << trf("catalog.msg.exported", {std::to_string(n), out}) << "\n";
    return 0;
}

// ---- search / show / stats ----
int run_search(const std::string& db, const std::string& query, std::size_t limit, bool json_out) {
    auto st = open_store(db);
    auto hits = st->search(query, limit);
    if (json_out) {
        json out = json::array();
        for (const auto& h : hits)
            out.push_back({{"record_id", h.record_id}, {"score", h.score}, {"match", to_string(h.match)},
                           {"title", h.title}, {"responsibility", h.responsibility}, {"call_number", h.call_number}});
        std::cout << out.dump(2) << "\n";
        return 0;
    }
    note_synthetic(*st);
    if (hits.empty()) std::cout << tr("catalog.msg.no_results") << "\n";
    for (const auto& h : hits)
        std::cout << h.record_id << "\t" << h.call_number << "\t" << h.title << " / " << h.responsibility << "\t["
                  << to_string(h.match) << "]\n";
    return 0;
}

int run_show(const std::string& db, const std::string& id, bool json_out) {
    auto st = open_store(db);
    std::optional<BibRecord> rec;
    std::optional<Item> item;
    if (!id.empty() && id.find_first_not_of("0123456789") == std::string::npos && id.size() < 18)
        rec = st->record(std::stoll(id));
    if (!rec) {
        item = st->item_by_barcode(id);
        if (item) rec = st->record(item->record_id);
    }
    if (!rec) {
        std::cerr << trf("catalog.msg.not_found", {id}) << "\n";
        return 3;
    }
    auto items = st->items_of(rec->id);
    if (json_out) {
        json j = record_json(*rec);
        j["items"] = json::array();
        for (const auto& it : items) j["items"].push_back(item_json(it));
        if (item) j["matched_barcode"] = item->barcode;
        j["access_links"] = json::array();
        for (const auto& l : reading::access_links(rec->marc))
            j["access_links"].push_back({{"url", l.url}, {"label", l.label}, {"linkable", reading::linkable_url(l.url)}});
        std::cout << j.dump(2) << "\n";
        return 0;
    }
    auto line = [](const char* key, const std::string& v) {
        if (!v.empty()) std::cout << tr(key) << ": " << v << "\n";
    };
    line("catalog.field.title", rec->title + (rec->other_title.empty() ? "" : " : " + rec->other_title));
    line("catalog.field.responsibility", rec->responsibility);
    line("catalog.field.publisher", rec->place + (rec->place.empty() ? "" : " : ") + rec->publisher +
                                        (rec->year.empty() ? "" : ", " + rec->year));
    std::string isbns;
    for (const auto& i : rec->isbns) isbns += (isbns.empty() ? "" : " ") + i;
    line("catalog.field.isbn", isbns);
    line("catalog.field.call_number", rec->call_number);
    line("catalog.field.clc_class", rec->clc_class);
    std::string subjects;
    for (const auto& s : rec->subjects) subjects += (subjects.empty() ? "" : "; ") + s;
    line("catalog.field.subjects", subjects);
    line("catalog.field.series", rec->series);
    if (rec->price) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.2f", *rec->price);
        line("catalog.field.price", buf);
    }
    for (const auto& l : reading::access_links(rec->marc)) line("reading.field.access_link", l.url + (l.label.empty() ? "" : " (" + l.label + ")"));
    std::cout << tr("catalog.field.items") << ": " << items.size() << "\n";
    for (const auto& it : items)
        std::cout << "  " << it.barcode << "\t" << it.call_number << "\tc." << it.copy_number << "\t" << to_string(it.status)
                  << (it.location.empty() ? "" : "\t" + it.location) << "\n";
    return 0;
}

int run_stats(const std::string& db, bool json_out) {
    auto st = open_store(db);
    auto s = st->stats();
    const auto& table = ClcTable::get();
    const bool en = language() == Language::En;
    if (json_out) {
        json j;
        j["classes"] = json::array();
        for (const auto& c : s.classes) {
            const auto* cls = table.find_class(c.code);
            j["classes"].push_back({{"code", c.code}, {"name", cls ? (en ? cls->en : cls->zh) : ""},
                                    {"records", c.records}, {"items", c.items}});
        }
        j["parts"] = json::array();
        for (std::size_t k = 0; k < s.parts.size(); ++k) {
            const auto& p = table.parts[k];
            j["parts"].push_back({{"number", p.number}, {"name", en ? p.en : p.zh}, {"classes", p.classes},
                                  {"records", s.parts[k].records}, {"items", s.parts[k].items},
                                  {"item_share", s.item_share(p.number)}});
        }
        j["unclassified"] = {{"records", s.unclassified.records}, {"items", s.unclassified.items}};
        j["total_records"] = s.total_records;
        j["total_items"] = s.total_items;
        j["synthetic"] = st->meta("synthetic").value_or("") == "1";
        const auto digital = reading::count_digital(*st);  // apart from paper: no copies, access links
        j["digital"] = {{"records", digital.records}, {"links", digital.links}};
        std::cout << j.dump(2) << "\n";
        return 0;
    }
    note_synthetic(*st);
    auto share = [&](long long items) {
        char buf[16];
        std::snprintf(buf, sizeof buf, "%5.1f%%", s.total_items > 0 ? 100.0 * static_cast<double>(items) / static_cast<double>(s.total_items) : 0.0);
        return std::string(buf);
    };
    std::cout << tr("catalog.field.class") << "\t" << tr("catalog.field.records") << "\t" << tr("catalog.field.held") << "\t"
              << tr("catalog.field.share") << "\n";
    for (const auto& c : s.classes) {
        const auto* cls = table.find_class(c.code);
        std::cout << c.code << " " << (cls ? (en ? cls->en : cls->zh) : "") << "\t" << c.records << "\t" << c.items << "\t"
                  << share(c.items) << "\n";
    }
    std::cout << tr("catalog.field.unclassified") << "\t" << s.unclassified.records << "\t" << s.unclassified.items << "\t"
              << share(s.unclassified.items) << "\n\n";
    std::cout << tr("catalog.field.part") << "\t" << tr("catalog.field.records") << "\t" << tr("catalog.field.held") << "\t"
              << tr("catalog.field.share") << "\n";
    for (std::size_t k = 0; k < s.parts.size(); ++k) {
        const auto& p = table.parts[k];
        std::string codes;
        for (const auto& c : p.classes) codes += c;
        std::cout << p.number << " " << (en ? p.en : p.zh) << " (" << codes << ")\t" << s.parts[k].records << "\t"
                  << s.parts[k].items << "\t" << share(s.parts[k].items) << "\n";
    }
    std::cout << tr("catalog.field.total") << "\t" << s.total_records << "\t" << s.total_items << "\n";
    const auto digital = reading::count_digital(*st);
    std::cout << trf("reading.stats.digital", {std::to_string(digital.records), std::to_string(digital.links)}) << "\n";
    return 0;
}

int run_callno_sort() {
    std::vector<std::string> lines;
    std::string line;
    while (std::getline(std::cin, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.find_first_not_of(" \t") == std::string::npos) continue;
        lines.push_back(line);
    }
    for (const auto& l : lines) {
        std::string key;
        if (!parse_call_number(l, &key)) std::cerr << trf("catalog.msg.invalid_line", {l}) << " (" << tr(key) << ")\n";
    }
    sort_shelf_order(lines);
    for (const auto& l : lines) std::cout << l << "\n";
    return 0;
}

int run_demo(const std::string& db, long long students, const std::string& type, std::uint64_t seed, long long records,
             bool json_out) {
    auto t = parse_school_type(type);
    if (!t) throw InputError("", "--type", trf("catalog.msg.bad_type", {type}));
    if (students <= 0 && records <= 0) throw InputError("", "--students", trf("catalog.msg.bad_students", {std::to_string(students)}));
    auto st = open_store(db);
    DemoOptions o;
    o.students = students;
    o.type = *t;
    o.seed = seed;
    o.records = records;
    const double expected = records > 0 ? static_cast<double>(records) * 1.4
                                        : static_cast<double>(students) * books_per_student(*t);
    Progress bar("demo");
    BatchResult total;
    long long items = 0;
    generate_demo(o, 5000, [&](std::vector<ImportEntry>& b) {
        total += st->import_batch(b);
        for (const auto& e : b) items += static_cast<long long>(e.items.size());
        bar.update(std::min(1.0, static_cast<double>(items) / expected), items);
    });
    bar.finish();
    st->optimize();
    st->set_meta("synthetic", "1");
    st->set_meta("synthetic_note", kSyntheticNote);
    std::string desc = std::string("type=") + to_string(*t) + " students=" + std::to_string(students) +
                       " seed=" + std::to_string(seed) + (records > 0 ? " records=" + std::to_string(records) : "");
    st->set_meta("demo", desc);
    st.reset();
    const auto ops = give_demo_operators(db);
    json ops_json = json::array();
    for (const auto& o : ops) ops_json.push_back({{"id", o.id}, {"role", circulation::to_string(o.role)}, {"password", o.password}});
    if (json_out) {
        std::cout << json{{"records_added", total.records_added}, {"records_existing", total.records_existing},
                          {"items_added", total.items_added}, {"items_existing", total.items_existing},
                          {"synthetic", true}, {"demo", desc}, {"demo_operators", ops_json},
                          {"demo_operators_note", tr("identity.demo.note")}}
                         .dump(2)
                  << "\n";
    } else {
        std::cout << trf("catalog.msg.demo_done", {std::to_string(total.records_added), std::to_string(total.items_added), desc})
                  << "\n";
        if (!ops.empty()) std::cout << tr("identity.demo.note") << "\n";
        for (const auto& o : ops)
            std::cout << "  " << trf("identity.demo.operator", {o.id, tr(std::string("circ.role.") + circulation::to_string(o.role)), o.password}) << "\n";
    }
    return 0;
}

const Registrar reg([](CLI::App& root) {
    auto* cat = root.add_subcommand("catalog", tr("catalog.cli.group"));
    cat->require_subcommand(1);

    {
        auto a = std::make_shared<ImportArgs>();
        auto* c = cat->add_subcommand("import", tr("catalog.cli.import"));
        c->add_option("--db", a->db, tr("catalog.cli.db"))->required();
        c->add_option("files", a->files, tr("catalog.cli.files"));
        c->add_flag("--overlay", a->overlay, tr("catalog.cli.overlay"));
        c->add_option("--as", a->as, tr("catalog.cli.as"));
        c->add_option("--password-file", a->password_file, tr("identity.cli.password_file"));
        auto* undo = c->add_option("--undo", a->undo, tr("catalog.cli.undo"));
        c->add_option("--format", a->format, tr("catalog.cli.format"));
        c->add_option("--encoding", a->encoding, tr("catalog.cli.encoding"));
        c->add_flag("--strict", a->strict, tr("catalog.cli.strict"));
        c->add_option("--batch", a->batch, tr("catalog.cli.batch"))->check(CLI::Range(1, 1000000));
        c->add_flag("--json", a->json_out, tr("catalog.cli.json"));
        c->callback([a, undo] {
            run_guarded([a, undo] {
                if (undo->count() > 0) return run_undo(*a);
                if (a->files.empty()) throw InputError("", "files", tr("catalog.msg.no_files"));
                return run_import(*a);
            });
        });
    }
    {
        auto files = std::make_shared<std::vector<std::string>>();
        auto fmt = std::make_shared<std::string>("auto");
        auto* c = cat->add_subcommand("check", tr("catalog.cli.check"));
        c->add_option("files", *files, tr("catalog.cli.files"))->required();
        c->add_option("--format", *fmt, tr("catalog.cli.check_format"));
        c->callback([=] { run_guarded([=] { return run_check(*files, *fmt); }); });
    }
    {
        auto db = std::make_shared<std::string>();
        auto fmt = std::make_shared<std::string>();
        auto out = std::make_shared<std::string>();
        auto* c = cat->add_subcommand("export", tr("catalog.cli.export"));
        c->add_option("--db", *db, tr("catalog.cli.db"))->required();
        c->add_option("--format", *fmt, tr("catalog.cli.format"))->required();
        c->add_option("out", *out, tr("catalog.cli.out"))->required();
        c->callback([=] { run_guarded([=] { return run_export(*db, *fmt, *out); }); });
    }
    {
        auto db = std::make_shared<std::string>();
        auto q = std::make_shared<std::vector<std::string>>();
        auto limit = std::make_shared<std::size_t>(20);
        auto js = std::make_shared<bool>(false);
        auto* c = cat->add_subcommand("search", tr("catalog.cli.search"));
        c->add_option("--db", *db, tr("catalog.cli.db"))->required();
        c->add_option("query", *q, tr("catalog.cli.query"))->required();
        c->add_option("--limit", *limit, tr("catalog.cli.limit"));
        c->add_flag("--json", *js, tr("catalog.cli.json"));
        c->callback([=] {
            std::string query;
            for (const auto& w : *q) query += (query.empty() ? "" : " ") + w;
            run_guarded([=] { return run_search(*db, query, *limit, *js); });
        });
    }
    {
        auto db = std::make_shared<std::string>();
        auto id = std::make_shared<std::string>();
        auto js = std::make_shared<bool>(false);
        auto* c = cat->add_subcommand("show", tr("catalog.cli.show"));
        c->add_option("--db", *db, tr("catalog.cli.db"))->required();
        c->add_option("id", *id, tr("catalog.cli.id"))->required();
        c->add_flag("--json", *js, tr("catalog.cli.json"));
        c->callback([=] { run_guarded([=] { return run_show(*db, *id, *js); }); });
    }
    {
        auto db = std::make_shared<std::string>();
        auto js = std::make_shared<bool>(false);
        auto* c = cat->add_subcommand("stats", tr("catalog.cli.stats"));
        c->add_option("--db", *db, tr("catalog.cli.db"))->required();
        c->add_flag("--json", *js, tr("catalog.cli.json"));
        c->callback([=] { run_guarded([=] { return run_stats(*db, *js); }); });
    }
    {
        auto* c = cat->add_subcommand("callno-sort", tr("catalog.cli.callno_sort"));
        c->callback([] { run_guarded([] { return run_callno_sort(); }); });
    }
    {
        auto db = std::make_shared<std::string>();
        auto students = std::make_shared<long long>(1000);
        auto type = std::make_shared<std::string>("primary");
        auto seed = std::make_shared<std::uint64_t>(1);
        auto records = std::make_shared<long long>(0);
        auto js = std::make_shared<bool>(false);
        auto* c = cat->add_subcommand("demo", tr("catalog.cli.demo"));
        c->add_option("--db", *db, tr("catalog.cli.db"))->required();
        c->add_option("--students", *students, tr("catalog.cli.students"));
        c->add_option("--type", *type, tr("catalog.cli.type"));
        c->add_option("--seed", *seed, tr("catalog.cli.seed"));
        c->add_option("--records", *records, tr("catalog.cli.records"));
        c->add_flag("--json", *js, tr("catalog.cli.json"));
        c->callback([=] { run_guarded([=] { return run_demo(*db, *students, *type, *seed, *records, *js); }); });
    }
    add_catalog_maintenance(cat);
});

}  // namespace
}  // namespace shuxiang::cli
