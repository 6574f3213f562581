package io.marketlake.cot;

import io.marketlake.ingest.IngestProperties;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.ExchangeProperty;

/**
 * Which CFTC files hold the selected weeks: the yearly history zip of each year, and for the schedule's
 * latest-weeks run also the current-week file (published at release time, the fastest way to the new week).
 */
public final class CotSources {

    private final String baseUrl;
    private final String yearlyPath;
    private final String currentWeekPath;
    private final int revisionWeeks;

    public CotSources(String baseUrl, String yearlyPath, String currentWeekPath, int revisionWeeks) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.yearlyPath = yearlyPath;
        this.currentWeekPath = currentWeekPath;
        this.revisionWeeks = revisionWeeks;
    }

    /** URLs to download, the current-week file first so its figures win for its week. */
    public List<String> urls(@ExchangeProperty(IngestProperties.COT_SELECTION) CotSelection selection) {
        List<String> urls = new ArrayList<>();
        if (selection.kind() == CotSelection.Kind.LATEST) {
            urls.add(baseUrl + currentWeekPath);
        }
        for (int year : selection.years()) {
            urls.add(baseUrl + yearlyPath.replace("{year}", Integer.toString(year)));
        }
        return urls;
    }

    /** The schedule's selection: the latest reports up to today, re-read every run to catch revisions. */
    public CotSelection latest(@ExchangeProperty(IngestProperties.DATE) String today) {
        return CotSelection.latest(revisionWeeks, LocalDate.parse(today));
    }
}
