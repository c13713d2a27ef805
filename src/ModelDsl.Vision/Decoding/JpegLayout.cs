namespace ModelDsl.Vision;

/// <summary>
/// The few facts of a JPEG's marker structure the truncation check needs, read without decoding: the frame type
/// (SOFn), the components in the frame and in the first scan, and where the final end-of-image marker is.
/// </summary>
/// <param name="FrameMarker">The SOFn marker's second byte (0xC0 baseline, 0xC1 extended, 0xC2 progressive, ...), or 0 if none was found.</param>
/// <param name="FrameComponents">Components declared by the frame.</param>
/// <param name="ScanComponents">Components in the first scan (SOS).</param>
/// <param name="EndOfImage">Offset of the last FF D9 in the data, or -1.</param>
internal readonly record struct JpegLayout(byte FrameMarker, int FrameComponents, int ScanComponents, int EndOfImage)
{
    /// <summary>
    /// True for a Huffman-coded sequential JPEG whose first scan holds every component: its only scan, decoded row
    /// by row, so the decoder never needs anything after the last MCU's bits.
    /// </summary>
    public bool IsSingleSequentialScan =>
        FrameMarker is 0xC0 or 0xC1 && FrameComponents > 0 && ScanComponents == FrameComponents && EndOfImage > 0;

    /// <summary>Walks the marker segments from SOI to the first SOS; never throws (odd data gives a layout that checks nothing).</summary>
    public static JpegLayout Read(ReadOnlySpan<byte> data)
    {
        byte frame = 0;
        int frameComponents = 0, scanComponents = 0;
        var at = 2; // after SOI
        while (at + 3 < data.Length)
        {
            if (data[at] != 0xFF) break;
            var marker = data[at + 1];
            if (marker == 0xFF)
            {
                at++; // fill byte before a marker
                continue;
            }
            if (marker is 0x01 or (>= 0xD0 and <= 0xD8))
            {
                at += 2; // standalone markers carry no length
                continue;
            }
            var length = (data[at + 2] << 8) | data[at + 3];
            if (length < 2 || at + 2 + length > data.Length) break;
            var segment = data.Slice(at + 4, length - 2);
            if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC && segment.Length >= 6)
            {
                frame = marker;
                frameComponents = segment[5];
            }
            else if (marker == 0xDA)
            {
                if (segment.Length >= 1) scanComponents = segment[0];
                break;
            }
            at += 2 + length;
        }
        var tail = Math.Max(2, data.Length - DecodeLimits.EndMarkerSearch);
        var end = data[tail..].LastIndexOf((ReadOnlySpan<byte>)[0xFF, 0xD9]);
        return new JpegLayout(frame, frameComponents, scanComponents, end < 0 ? -1 : tail + end);
    }
}
