#pragma once

#include <cstdint>

namespace socklab::impair_detail {

// 128-bit product for exact integer arithmetic (a GCC/Clang extension, hence __extension__).
__extension__ using Wide = unsigned __int128;

/// xoshiro256** seeded through splitmix64. Our own generator and our own mapping to uniform
/// values, because std::uniform_*_distribution differ between standard libraries and a seed
/// must give the same fates on every machine.
class Rng {
public:
    explicit Rng(std::uint64_t seed) {
        for (auto& word : s_) {
            seed += 0x9e3779b97f4a7c15ULL;
            std::uint64_t z = seed;
            z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
            z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
            word = z ^ (z >> 31);
        }
    }

    /// The next raw 64-bit output.
    std::uint64_t next() {
        const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
        const std::uint64_t t = s_[1] << 17;
        s_[2] ^= s_[0];
        s_[3] ^= s_[1];
        s_[1] ^= s_[2];
        s_[0] ^= s_[3];
        s_[2] ^= t;
        s_[3] = rotl(s_[3], 45);
        return result;
    }

    /// Uniform in [0, 1) with 53 bits of resolution.
    double unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

    /// True with probability percent/100. Draws nothing when percent <= 0, so an impairment that
    /// is off does not shift the sequence of the ones that are on.
    bool chance(double percent) {
        if (!(percent > 0)) {
            return false;
        }
        return unit() * 100.0 < percent;
    }

    /// Uniform integer in [0, n) (Lemire's multiply-shift with rejection: unbiased); 0 when n is 0.
    std::uint64_t below(std::uint64_t n) {
        if (n == 0) {
            return 0;
        }
        Wide m = static_cast<Wide>(next()) * n;
        auto low = static_cast<std::uint64_t>(m);
        if (low < n) {
            const std::uint64_t threshold = (0 - n) % n;
            while (low < threshold) {
                m = static_cast<Wide>(next()) * n;
                low = static_cast<std::uint64_t>(m);
            }
        }
        return static_cast<std::uint64_t>(m >> 64);
    }

    /// Uniform integer in [lo, hi] (lo <= hi).
    std::int64_t between(std::int64_t lo, std::int64_t hi) {
        const auto span = static_cast<std::uint64_t>(hi - lo) + 1;
        return lo + static_cast<std::int64_t>(span == 0 ? next() : below(span));
    }

private:
    static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

    std::uint64_t s_[4]{};
};

} // namespace socklab::impair_detail
