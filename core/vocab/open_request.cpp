#include "core/vocab/open_request.h"

#include "core/base/translate.h"
#include "core/capture/live_save.h"
#include "core/codec/codec_util.h"
#include "core/net/exposure.h"
#include "core/net/socket_ops.h"

#include <cerrno>

namespace socklab {

Result<std::size_t> parseSendQueueLimit(std::string_view text) {
    const std::string op = SL_TR("socklab", "parse send queue limit");
    const std::string object = codec_detail::quotedVisible(text);
    auto size = parseByteSize(text);
    if (!size) {
        return fail(inputError(op, object, size.error().detail));
    }
    if (*size < kMinSendQueueBytes || *size > kMaxSendQueueBytes) {
        return fail(
            inputError(op, object,
                       trArgs(SL_TR("socklab", "out of range %1..%2"),
                              byteSizeText(kMinSendQueueBytes), byteSizeText(kMaxSendQueueBytes))));
    }
    return static_cast<std::size_t>(*size);
}

std::string sendQueueLimitText(std::size_t bytes) {
    return byteSizeText(bytes);
}

Result<void> respondersSupported(const OpenSession& request) {
    const int type = request.spec.type;
    const bool kindOk = isStreamType(type) || sockops::isSeqpacketType(type) ||
                        (sockops::isPlainDatagramType(type) && !sockops::isIcmpEcho(request.spec));
    if (request.role == Role::Relay || request.role == Role::Wire || !kindOk) {
        return fail(sysError(EOPNOTSUPP, SL_TR("socklab", "responders"), describe(request.spec),
                             SL_TR("socklab", "responders answer stream, seqpacket and datagram "
                                              "sockets that connect, listen or bind")));
    }
    return {};
}

std::string exposureWarning(const OpenSession& request, std::string_view local) {
    if (request.placement.wire != 0 || local.empty()) {
        return {};
    }
    const bool stream = !isDatagramType(request.spec.type);
    switch (request.role) {
    case Role::Listen:
        return exposureText(local, true);
    case Role::Relay:
        return exposureText(local, stream);
    case Role::Bind: {
        auto asked = Endpoint::parse(request.local);
        if (!asked || asked->port() == 0) {
            return {};
        }
        return exposureText(local, false);
    }
    case Role::Connect:
    case Role::Wire:
        break;
    }
    return {};
}

} // namespace socklab
