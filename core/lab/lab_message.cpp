#include "core/lab/lab_message.h"

#include "core/base/translate.h"

#include <string>
#include <utility>

namespace socklab {

namespace {

constexpr int kSeqModulo = 1'000'000;

Error scheduleError(const char* field, std::string detail) {
    // No operation prefix: the message is "count: must be 1..100000", shown next to the field.
    return inputError({}, field, std::move(detail));
}

// The byte at position pos of every message of the given size (the header aside).
std::byte bodyByte(std::size_t pos, std::size_t size) {
    if (size >= 10 && pos == size - 1) {
        return std::byte{'\n'};
    }
    return std::byte(static_cast<unsigned char>('a' + (pos - kLabHeaderBytes) % 26));
}

} // namespace

Status LabSchedule::validate() const {
    if (count < 1 || count > 100'000) {
        return fail(scheduleError("count", SL_TR("socklab", "must be 1..100000")));
    }
    if (size < 8 || size > 65'000) {
        return fail(scheduleError("size", SL_TR("socklab", "must be 8..65000 bytes")));
    }
    if (interval_ms < 0 || interval_ms > 60'000) {
        return fail(scheduleError("interval", SL_TR("socklab", "must be 0..60000 ms")));
    }
    return {};
}

std::vector<std::byte> labMessage(int seq, std::size_t size) {
    int n = seq % kSeqModulo;
    if (n < 0) {
        n += kSeqModulo;
    }
    std::byte header[kLabHeaderBytes];
    header[0] = std::byte{'#'};
    for (int i = 6; i >= 1; --i) {
        header[i] = std::byte(static_cast<unsigned char>('0' + n % 10));
        n /= 10;
    }
    header[7] = std::byte{':'};
    std::vector<std::byte> out(size);
    for (std::size_t pos = 0; pos < size; ++pos) {
        out[pos] = pos < kLabHeaderBytes ? header[pos] : bodyByte(pos, size);
    }
    return out;
}

std::optional<int> parseLabMessageHeader(std::span<const std::byte> bytes) {
    if (bytes.size() < kLabHeaderBytes || bytes[0] != std::byte{'#'} ||
        bytes[7] != std::byte{':'}) {
        return std::nullopt;
    }
    int seq = 0;
    for (std::size_t i = 1; i <= 6; ++i) {
        const auto c = static_cast<unsigned char>(bytes[i]);
        if (c < '0' || c > '9') {
            return std::nullopt;
        }
        seq = seq * 10 + (c - '0');
    }
    return seq;
}

bool labMessageIntact(std::span<const std::byte> bytes, std::size_t size) {
    if (bytes.size() != size || size < kLabHeaderBytes || !parseLabMessageHeader(bytes)) {
        return false;
    }
    for (std::size_t pos = kLabHeaderBytes; pos < size; ++pos) {
        if (bytes[pos] != bodyByte(pos, size)) {
            return false;
        }
    }
    return true;
}

} // namespace socklab
