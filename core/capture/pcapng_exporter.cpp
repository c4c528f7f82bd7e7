#include "core/base/translate.h"
#include "core/capture/export_file.h"
#include "core/capture/exporters.h"
#include "core/capture/pcapng_writer.h"
#include "core/capture/record_batches.h"

#include <string>

namespace socklab {

Result<ExportSummary> exportPcapng(const TrafficStore& store, const std::string& path,
                                   const PcapngOptions& options) {
    const std::string op = SL_TR("socklab", "export pcapng");
    const detail::ExportControl control{options.cancel, &options.progress};
    if (control.cancelled()) {
        return fail(detail::cancelledError(op, path));
    }
    detail::ExportFile file(op, path);
    if (auto opened = file.open(); !opened) {
        return fail(opened.error());
    }
    detail::PcapngRecordWriter writer(
        store, options, [&file](std::span<const std::byte> block) { file.write(block); });
    writer.writeHeader();
    ExportSummary summary;
    const detail::RunEnd end =
        detail::forEachRecord(store, options.range, control, [&](const Record& r) {
            writer.visit(r, summary);
            return !file.failed();
        });
    if (end == detail::RunEnd::Cancelled) {
        file.discard();
        return fail(detail::cancelledError(op, path));
    }
    if (auto done = file.finish(); !done) {
        return fail(done.error());
    }
    return summary;
}

} // namespace socklab
