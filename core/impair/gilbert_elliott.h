#pragma once

#include "core/impair/impairment.h"
#include "core/impair/rng.h"

namespace socklab::impair_detail {

/// The Gilbert-Elliott two-state loss chain of BurstLoss: advanced once per datagram, then the
/// loss of the state it is in is drawn. With lossGood 0 and lossBad 100 the bursts are the Bad
/// periods, geometric with mean length 100 / pBadToGood datagrams.
class GilbertElliott {
public:
    /// Advance one datagram; true when it is lost. Off (and back to Good) when pGoodToBad is 0.
    bool lose(const BurstLoss& p, Rng& rng) {
        if (!(p.pGoodToBad > 0)) {
            bad_ = false;
            return false;
        }
        bad_ = bad_ ? !rng.chance(p.pBadToGood) : rng.chance(p.pGoodToBad);
        return rng.chance(bad_ ? p.lossBad : p.lossGood);
    }

    [[nodiscard]] bool bad() const { return bad_; }

private:
    bool bad_ = false;
};

} // namespace socklab::impair_detail
