package io.marketlake.lake;

import java.time.LocalDate;

/** The lake's hive-style directory names, SPEC §2. */
public final class LakeLayout {

    public static final String DATA_SUFFIX = ".parquet";

    private LakeLayout() {
    }

    public static String partition(String dataType, String market, LocalDate tradingDate) {
        return marketDirectory(dataType, market)
                + "/year=" + tradingDate.getYear()
                + "/month=" + String.format("%02d", tradingDate.getMonthValue());
    }

    public static String marketDirectory(String dataType, String market) {
        return "data_type=" + dataType + "/market=" + market;
    }

    /** A finished data file: temp files are hidden and do not end in .parquet, so no reader picks them up. */
    public static boolean isDataFile(String fileName) {
        return fileName.endsWith(DATA_SUFFIX) && !fileName.startsWith(".") && !fileName.startsWith("_");
    }
}
