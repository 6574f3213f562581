package io.marketlake.databento;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Responses of DBN versions 1 and 2 give the same records as version 3: their records are upgraded as Databento's
 * own decoder does. The older responses are made here from the v3 files, field by field at the places Databento's
 * dbn gives for each version (rust/dbn/src/compat.rs: StatMsgV1, InstrumentDefMsgV1, InstrumentDefMsgV2; the v1
 * metadata of rust/dbn/src/decode/dbn/fsm.rs).
 */
class DbnVersionsTest {

    @Test
    void bars_of_a_dbn_v2_response_are_the_bars_of_v3() {
        byte[] v2 = DbnFixtures.dbn("ohlcv-1m");
        v2[3] = 2;

        DbnFixtures.Read<OhlcvBar> read = DbnFixtures.bars(v2, true);

        assertThat(read.metadata().version()).isEqualTo(2);
        assertThat(read.rejections()).isEmpty();
        assertThat(read.records()).containsExactlyElementsOf(DbnFixtures.bars(DbnFixtures.zst("ohlcv-1m"), true)
                .records());
    }

    @Test
    void a_dbn_v1_response_with_its_own_metadata_layout_gives_the_same_bars_and_symbols() {
        byte[] v3 = DbnFixtures.dbn("ohlcv-1s");

        DbnFixtures.Read<OhlcvBar> read = DbnFixtures.bars(v1Response(5, v3), true);

        assertThat(read.metadata().version()).isEqualTo(1);
        assertThat(read.metadata().schema()).isEqualTo("ohlcv-1s");
        assertThat(read.metadata().symbols()).containsExactly("ESH1");
        assertThat(read.rejections()).isEmpty();
        assertThat(read.records()).containsExactlyElementsOf(DbnFixtures.bars(DbnFixtures.zst("ohlcv-1s"), true)
                .records());
        assertThat(read.records()).extracting(OhlcvBar::symbol).containsOnly("ESH1");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void statistics_of_dbn_v1_and_v2_with_their_i32_quantity_are_the_statistics_of_v3(int version) {
        byte[] v3 = DbnFixtures.dbn("statistics");
        int start = DbnFixtures.recordsStart(v3);
        ByteArrayOutputStream records = new ByteArrayOutputStream();
        for (int at = start; at < v3.length; at += 80) {
            records.write(statisticV1(Arrays.copyOfRange(v3, at, at + 80)), 0, 64);
        }

        DbnFixtures.Read<Statistic> read = DbnFixtures.statistics(response(version, 10, v3, records.toByteArray()));

        DbnFixtures.Read<Statistic> expected = DbnFixtures.statistics(v3);
        assertThat(read.rejections()).isEmpty();
        assertThat(read.records()).map(DbnFixtures::values)
                .containsExactlyElementsOf(expected.records().stream().map(DbnFixtures::values).toList());
        assertThat(read.records()).map(Statistic::raw)
                .containsExactlyElementsOf(expected.records().stream().map(Statistic::raw).toList());
    }

    @Test
    void a_set_v2_quantity_widens_to_the_same_number() {
        byte[] v3 = DbnFixtures.dbn("statistics");
        int start = DbnFixtures.recordsStart(v3);
        byte[] record = statisticV1(Arrays.copyOfRange(v3, start, start + 80));
        le(record).putInt(40, 1234);

        DbnFixtures.Read<Statistic> read = DbnFixtures.statistics(response(2, 10, v3, record));

        assertThat(read.records()).singleElement().satisfies(s -> {
            assertThat(s.quantity()).isEqualTo(1234L);
            assertThat(s.raw()).contains(",3707750000000,1234,210043,");
        });
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void definitions_of_dbn_v1_and_v2_are_upgraded_to_the_definition_of_v3(int version) {
        byte[] v3 = DbnFixtures.dbn("definition");
        int start = DbnFixtures.recordsStart(v3);
        byte[] old = definition(version, Arrays.copyOfRange(v3, start, start + 520));

        DbnFixtures.Read<InstrumentDefinition> read = DbnFixtures.definitions(response(version, 9, v3, old));

        InstrumentDefinition expected = DbnFixtures.definitions(v3).records().get(0);
        assertThat(read.rejections()).isEmpty();
        assertThat(read.records()).singleElement().satisfies(d -> {
            assertThat(DbnFixtures.values(d)).isEqualTo(DbnFixtures.values(expected));
            // the legs v3 added take Databento's defaults, which the v3 record of an outright has too
            assertThat(d.raw()).isEqualTo(expected.raw());
        });
    }

    /** StatMsgV1 (64 bytes) of a v3 StatMsg: quantity i32 (i32 max unset), the fields after it 4 bytes earlier. */
    private static byte[] statisticV1(byte[] v3) {
        ByteBuffer from = le(v3);
        byte[] v1 = new byte[64];
        ByteBuffer to = le(v1);
        System.arraycopy(v3, 0, v1, 0, 40);
        v1[0] = 16;
        long quantity = from.getLong(40);
        to.putInt(40, quantity == Long.MAX_VALUE ? Integer.MAX_VALUE : (int) quantity);
        to.putInt(44, from.getInt(48)); // sequence
        to.putInt(48, from.getInt(52)); // ts_in_delta
        to.putShort(52, from.getShort(56)); // stat_type
        to.putShort(54, from.getShort(58)); // channel_id
        v1[56] = v3[60]; // update_action
        v1[57] = v3[61]; // stat_flags
        return v1;
    }

    /**
     * InstrumentDefMsgV2 (400 bytes) or V1 (360) of a v3 InstrumentDefMsg: {v3 offset, v2 offset, v1 offset, bytes
     * in v1/v2} of every field both have, the places of compat.rs.
     */
    private static final int[][] DEFINITION_FIELDS = {
        {16, 16, 16, 8}, {24, 24, 24, 8}, {32, 32, 32, 8}, {40, 40, 40, 8}, {48, 48, 48, 8}, {56, 56, 56, 8},
        {64, 64, 64, 8}, {72, 72, 72, 8}, {80, 88, 88, 8}, {88, 96, 96, 8}, {96, 104, 104, 8}, {104, 112, 328, 8},
        {112, 128, 120, 4}, {136, 120, 112, 4}, {140, 124, 116, 4}, {144, 132, 124, 4}, {148, 136, 128, 4},
        {152, 140, 132, 4}, {156, 144, 136, 4}, {160, 148, 140, 4}, {164, 152, 144, 4}, {168, 156, 148, 4},
        {172, 160, 152, 4}, {176, 164, 160, 4}, {180, 168, 164, 4}, {184, 172, 168, 4}, {212, 178, 178, 2},
        {214, 180, 180, 2}, {216, 182, 182, 2}, {218, 184, 184, 2}, {224, 186, 186, 4}, {228, 190, 190, 4},
        {232, 194, 194, 6}, {309, 271, 222, 21}, {330, 292, 243, 5}, {335, 297, 248, 7}, {346, 304, 255, 7},
        {353, 311, 262, 7}, {360, 318, 269, 31}, {391, 349, 300, 21}, {412, 370, 321, 4}, {487, 374, 325, 1},
        {488, 375, 342, 1}, {489, 377, 344, 1}, {490, 378, 345, 1}, {491, 380, 347, 1}, {492, 381, 348, 1},
        {493, 382, 349, 1}, {494, 383, 350, 1}, {495, 384, 351, 1}, {496, 385, 352, 1}, {497, 386, 353, 1},
        {498, 387, 354, 1}, {499, 388, 355, 1}, {500, 389, 356, 1}};

    private static byte[] definition(int version, byte[] v3) {
        byte[] old = new byte[version == 1 ? 360 : 400];
        System.arraycopy(v3, 0, old, 0, 16);
        old[0] = (byte) (old.length / 4);
        for (int[] field : DEFINITION_FIELDS) {
            System.arraycopy(v3, field[0], old, version == 1 ? field[2] : field[1], field[3]);
        }
        // raw_symbol: 71 bytes from v2 on, 22 in v1
        System.arraycopy(v3, 238, old, 200, version == 1 ? 22 : 71);
        // fields v3 dropped, set to show they are left out
        le(old).putLong(80, 123_000_000_000L);
        return old;
    }

    /** A response of {@code version} with v3's metadata (v2's is laid out the same) or a v1 metadata. */
    private static byte[] response(int version, int schema, byte[] v3, byte[] records) {
        if (version == 1) {
            return concat(v1Prelude(schema, v3), records);
        }
        byte[] head = Arrays.copyOf(v3, DbnFixtures.recordsStart(v3));
        head[3] = (byte) version;
        return concat(head, records);
    }

    private static byte[] v1Response(int schema, byte[] v3) {
        return concat(v1Prelude(schema, v3), Arrays.copyOfRange(v3, DbnFixtures.recordsStart(v3), v3.length));
    }

    /**
     * DBN v1's metadata for the v3 file's query: dataset, schema, start, end, limit, record_count (v1 only),
     * stype_in, stype_out, ts_out, 47 reserved bytes, no schema definition, then symbols of 22 bytes.
     */
    private static byte[] v1Prelude(int schema, byte[] v3) {
        ByteBuffer from = le(v3);
        ByteBuffer metadata = ByteBuffer.allocate(100 + 4 + 4 + 22 + 4 + 4 + 4 + 22 + 4 + 8 + 22)
                .order(ByteOrder.LITTLE_ENDIAN);
        metadata.put(Arrays.copyOfRange(v3, 8, 24));
        metadata.putShort((short) schema).putLong(from.getLong(26)).putLong(from.getLong(34))
                .putLong(from.getLong(42)).putLong(4).put((byte) 1).put((byte) 0).put((byte) 0);
        metadata.position(100);
        metadata.putInt(0).putInt(1).put(symbol("ESH1")).putInt(0).putInt(0);
        metadata.putInt(1).put(symbol("ESH1")).putInt(1).putInt(20201228).putInt(20201229).put(symbol("5482"));
        ByteBuffer prelude = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        prelude.put((byte) 'D').put((byte) 'B').put((byte) 'N').put((byte) 1).putInt(metadata.capacity());
        return concat(prelude.array(), metadata.array());
    }

    private static byte[] symbol(String text) {
        return Arrays.copyOf(text.getBytes(StandardCharsets.US_ASCII), 22);
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    private static ByteBuffer le(byte[] bytes) {
        return DbnFixtures.le(bytes);
    }
}
