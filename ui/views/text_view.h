#pragma once

#include "core/codec/text_decode.h"
#include "ui/views/byte_view_base.h"

namespace socklab::ui {

/// Text view: per record a header line, then the bytes decoded by the core text decoder
/// (UTF-8, invalid bytes marked, controls as pictures), broken after '\n' and wrapped to the
/// viewport width; selection maps characters to bytes through the decoder's unit map.
class TextView : public ByteViewBase {
    Q_OBJECT
public:
    explicit TextView(QWidget* parent = nullptr);

    [[nodiscard]] QString rowText(const LayoutRow& row) const override;
    void setDecodeOptions(const TextDecodeOptions& options);
    [[nodiscard]] const TextDecodeOptions& decodeOptions() const { return m_options; }

protected:
    void paintDataRow(QPainter& painter, const QRect& rect, const LayoutRow& row,
                      std::span<const std::byte> bytes) override;
    [[nodiscard]] std::optional<std::uint32_t>
    byteAtX(const LayoutRow& row, std::span<const std::byte> bytes, int x) const override;
    [[nodiscard]] std::uint32_t widthForViewport(int pixels) const override;

private:
    struct Line {
        DecodedText decoded;
        QString text;        ///< as painted ('\n' shown as a return glyph)
        std::vector<int> xs; ///< x of each unit's start, plus the end
    };
    [[nodiscard]] Line layoutLine(const LayoutRow& row, std::span<const std::byte> bytes) const;

    TextDecodeOptions m_options{TextEncoding::Utf8, InvalidByteStyle::Replacement,
                                ControlStyle::Pictures};
};

} // namespace socklab::ui
