package io.marketlake.lake;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import java.io.IOException;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.CodecFactory;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * Compresses a writer's pages one after the other. ZSTD goes through one zstd context and one output array kept for
 * the whole file; the other codecs through parquet-mr's codec factory. What
 * {@link #compress} returns is valid until the next call: each page is written before the next is compressed.
 */
final class PageCompressor implements AutoCloseable {

    /**
     * zstd level -1, the first of its fast levels: on the lake-write benchmark's 5,000,000 bars it wrote files 7%
     * larger than level 1 (6% larger than DuckDB's level-3 files, within the 1.2 the lake allows itself) in about a
     * sixth less of the whole write's CPU; -2 and below made so many more bytes that writing them cost more than
     * compressing saved, and level 3 (parquet-mr's and DuckDB's default) took a third longer than 1.
     */
    private static final int ZSTD_LEVEL = -1;

    private final ZstdCompressCtx zstd;
    private final CodecFactory codecs;
    private final CompressionCodecFactory.BytesInputCompressor other;
    private byte[] compressed = new byte[0];

    PageCompressor(CompressionCodecName codec) {
        if (codec == CompressionCodecName.ZSTD) {
            zstd = new ZstdCompressCtx().setLevel(ZSTD_LEVEL);
            codecs = null;
            other = null;
        } else {
            zstd = null;
            codecs = new CodecFactory(new PlainParquetConfiguration(), ParquetProperties.DEFAULT_PAGE_SIZE);
            other = codecs.getCompressor(codec);
        }
    }

    BytesInput compress(PageBuffer page) throws IOException {
        if (zstd == null) {
            return other.compress(page.bytes());
        }
        int bound = (int) Zstd.compressBound(page.size());
        if (compressed.length < bound) {
            compressed = new byte[Math.max(bound, compressed.length * 2)];
        }
        int length = zstd.compressByteArray(compressed, 0, compressed.length, page.array(), 0, page.size());
        return BytesInput.from(compressed, 0, length);
    }

    @Override
    public void close() {
        if (zstd != null) {
            zstd.close();
        } else {
            codecs.release();
        }
    }
}
