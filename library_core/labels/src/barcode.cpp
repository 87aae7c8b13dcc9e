#include "shuxiang/labels/barcode.hpp"

#include <zint.h>

#include <algorithm>
#include <cmath>
#include <memory>

#include "shuxiang/util/error.hpp"
#include "shuxiang/util/i18n.hpp"

namespace shuxiang::labels {

namespace {

struct SymbolDeleter {
    void operator()(zint_symbol* s) const { ZBarcode_Delete(s); }
};

}  // namespace

Code128 encode_code128(std::string_view text) {
    std::string shown(text);
    if (text.empty()) throw InputError("", "", tr("labels.error.empty_barcode"));
    std::unique_ptr<zint_symbol, SymbolDeleter> sym(ZBarcode_Create());
    if (!sym) throw std::bad_alloc();
    sym->symbology = BARCODE_CODE128;
    sym->input_mode = UNICODE_MODE;  // UTF-8 in: text outside Latin-1 is refused, not mangled
    sym->show_hrt = 0;
    sym->output_options = BARCODE_NO_QUIET_ZONES;
    int rc = ZBarcode_Encode(sym.get(), reinterpret_cast<const unsigned char*>(text.data()), static_cast<int>(text.size()));
    if (rc >= ZINT_ERROR) throw InputError("", "", trf("labels.error.barcode", {shown, sym->errtxt}));
    rc = ZBarcode_Buffer_Vector(sym.get(), 0);
    if (rc >= ZINT_ERROR || !sym->vector) throw InputError("", "", trf("labels.error.barcode", {shown, sym->errtxt}));

    // The vector output is in zint's own units; the symbol spans sym->width modules from the left
    // edge of the first bar to the right edge of the last (Code 128 starts and ends with a bar).
    float left = 0, right = 0;
    bool first = true;
    for (auto* r = sym->vector->rectangles; r; r = r->next) {
        if (first || r->x < left) left = r->x;
        if (first || r->x + r->width > right) right = r->x + r->width;
        first = false;
    }
    Code128 out;
    out.modules = sym->width;
    const double module = (right - left) / sym->width;
    for (auto* r = sym->vector->rectangles; r; r = r->next) {
        out.bars.push_back({static_cast<int>(std::lround((r->x - left) / module)),
                            static_cast<int>(std::lround(r->width / module))});
    }
    std::sort(out.bars.begin(), out.bars.end(), [](const Bar& a, const Bar& b) { return a.start < b.start; });
    return out;
}

}  // namespace shuxiang::labels
