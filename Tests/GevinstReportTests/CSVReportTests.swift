import Foundation
import GRDB
import GevinstCore
import GevinstWarehouse
import Testing
@testable import GevinstReport

/// The CSV files of the small seed, line for line (SPEC §6–§8).
@Suite struct CSVReportTests {
    static func lines(_ text: String) -> [String] {
        var lines = text.components(separatedBy: "\r\n")
        #expect(lines.removeLast() == "", "every record ends with CRLF")
        return lines
    }

    @Test func trends() throws {
        let fixture = try Fixture.small()
        defer { fixture.remove() }
        try fixture.report(formats: [.csv])
        #expect(try CSVReportTests.lines(fixture.file("trends.csv")) == [
            "indicator,org_unit,frequency,n,first_period,last_period,last_value,mean,median,stdev,min,max,change_prev,"
                + "change_yoy,ols_slope,r_squared,sen_slope,mk_s,mk_tau,mk_z,mk_p,trend,assessment,seasonal_sen_slope,"
                + "seasonal_mk_z,seasonal_mk_p,target,target_gap",
            "sjukefravaer,Heimetenesta Nord,month,8,2025M01,2025M08,9.1,10.4375,10.45,0.8228,9.1,11.8,-0.4,-1.5,"
                + "-1.71428571429,0.8125,-1.8,-20,-0.714285714286,-2.47487373415,0.0133283,decreasing,"
                + "improving,,,,7.5,1.6",
            "sjukefravaer,total,month,2,2025M07,2025M08,8,8.25,8.25,0.353553390593,8,8.5,-0.5,,,,,,,,,,n/a,,,,7.5,0.5",
            "utsendt_post_fysisk,total,month,3,2025M01,2025M03,1500,0.0000001,150000000000000000000,0,0.0000123,"
                + "150000000000000000000,0,,0,,0,0,0,0,1,no_trend,stable,,,,1500,0",
        ])
    }

    @Test func gains() throws {
        let fixture = try Fixture.small()
        defer { fixture.remove() }
        try fixture.report(formats: [.csv])
        #expect(try CSVReportTests.lines(fixture.file("gains.csv")) == [
            "initiative,gain_type,quarter,planned,realised,realised_source,cum_planned,cum_realised,deviation,realisation_rate,status",
            "T01,time,2025K1,400.00,350.50,reported,400.00,350.50,-49.50,0.87625,yellow",
            "T01,time,2025K2,700.00,660.00,reported,1100.00,1010.50,-89.50,0.918636363636,green",
            "T01,time,2025K3,900.00,,none,2000.00,,,,future",
            "T02,quality,2025K1,1.00,0.50,reported,1.00,0.50,-0.50,0.5,red",
            "T02,quality,2025K2,2.00,0.60,reported,3.00,1.10,-1.90,0.366666666667,red",
            "T03,budget,2024K3,80000.00,86250.00,reported,80000.00,86250.00,6250.00,1.078125,green",
            "T03,budget,2024K4,120000.25,120000.00,reported,200000.25,206250.00,6249.75,1.03124871094,green",
            "T04,efficiency,2026K1,1500000.00,,none,1500000.00,,,,future",
        ])
        #expect(try CSVReportTests.lines(fixture.file("gains_by_year.csv")) == [
            "initiative,gain_type,year,planned,planned_ytd,realised_ytd,rate_ytd,forecast,forecast_source",
            "T01,time,2025,2000.00,1100.00,1010.50,0.918636363636,1837.27,",
            "T03,budget,2024,200000.25,200000.25,206250.00,1.03124961328,206250.00,",
            "T04,efficiency,2026,1500000.00,0.00,0.00,,1500000.00,",
        ])
        let byArea = try CSVReportTests.lines(fixture.file("gains_by_area.csv"))
        #expect(byArea.first == "area,gain_type,quarter,planned,realised,cum_planned,cum_realised,deviation,realisation_rate,status")
        #expect(byArea.dropFirst().prefix(3) == [
            ",efficiency,2026K1,1500000.00,,1500000.00,,,,future",
            "*,budget,2024K3,80000.00,86250.00,80000.00,86250.00,6250.00,1.078125,green",
            "*,budget,2024K4,120000.25,120000.00,200000.25,206250.00,6249.75,1.03124961328,green",
        ])
        #expect(byArea.count == 12)
    }

    @Test func rejectsAndFindingsOfCurrentFilesOnly() throws {
        let fixture = try Fixture.small()
        defer { fixture.remove() }
        try fixture.report(formats: [.csv])
        #expect(try fixture.file("rejects.csv") == """
            source,file,line,column,field,reason,text\r
            maalingar,data/example/inbox/maalingar/maalingar-2023-2025.csv,9,,period,ukjend periode,"vedtakstimar_heimeteneste;""Nord, Sør"";2023M13;5 100"\r
            maalingar,data/example/inbox/maalingar/maalingar-2023-2025.csv,17,,value,"'12,3,4' er ikkje eit tal","sjukefravaer;Heimetenesta Nord;2023M04;12,3,4"\r
            maalingar,data/example/inbox/maalingar/maalingar-2023-2025.csv,40,,indicator,manglar indikator,"første linje
            andre linje"\r

            """)
        #expect(try CSVReportTests.lines(fixture.file("findings.csv")) == [
            "kind,severity,source,file,initiative,related_initiative,indicator,org_unit,quarter,gain_type,area,year,message",
            "unknown_initiative,warning,plan,data/example/gevinstplan.csv,T99,,,,,,,,"
                + "Tiltaket T99 finst ikkje i tiltaksregisteret (kjelde plan); tala er tekne med likevel.",
            "double_count,warning,,,T01,T05,vedtakstimar_heimeteneste,Heimetenesta Nord,2024K3,time,,,"
                + "Tiltak T01 og T05 krev same gevinst (tid) på vedtakstimar_heimeteneste for Heimetenesta Nord "
                + "frå K3\u{00A0}2024: gevinsten vert talt to gonger.",
            "link_without_measurements,warning,,,T03,,utsendt_post_fysisk,total,2024K3,budget,,,"
                + "Koplinga frå tiltak T03 til utsendt_post_fysisk for heile kommunen har ingen målingar frå K3\u{00A0}2024 "
                + "og gir ingen utrekna gevinst.",
        ])
    }

    @Test("SAF-T findings beyond the listed ones read as a total, not as one more transaction")
    func saftSummaryFindings() throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        try fixture.warehouse.database.write { db in
            try SharedRecords.insert([
                Finding(.saftUnbalancedTransaction, source: "l", file: "f.xml", details: ["transaction": "T1", "debit": "10.00", "credit": "9.00"]),
                Finding(.saftUnbalancedTransaction, source: "l", file: "f.xml", details: ["count": "2500", "listed": "20"]),
                Finding(.saftPeriodOutOfRange, source: "l", file: "f.xml", details: ["count": "21", "listed": "20"]),
            ], stage: "import", runID: nil, fileID: nil, db)
        }
        try fixture.report(language: .nn, formats: [.csv])
        let findings = try fixture.file("findings.csv")
        #expect(findings.contains("Ein transaksjon (T1) i SAF-T-fila f.xml er ikkje i balanse: debet 10,00, kredit 9,00."))
        #expect(findings.contains("I alt 2\u{00A0}500 transaksjonar i SAF-T-fila f.xml er ikkje i balanse; dei første 20 er lista kvar for seg."), "\(findings)")
        #expect(findings.contains("I alt 21 transaksjonar i SAF-T-fila f.xml har periode utanfor 1–12; dei første 20 er lista kvar for seg."))
    }

    @Test func findingMessagesFollowTheLanguage() throws {
        let fixture = try Fixture.small()
        defer { fixture.remove() }
        try fixture.report(language: .en, formats: [.csv])
        let findings = try CSVReportTests.lines(fixture.file("findings.csv"))
        #expect(findings[2] == "double_count,warning,,,T01,T05,vedtakstimar_heimeteneste,Heimetenesta Nord,2024K3,time,,,"
            + "Initiatives T01 and T05 claim the same gain (time) on vedtakstimar_heimeteneste for Heimetenesta Nord "
            + "from Q3\u{00A0}2024: it is counted twice.")
        // Machine columns stay canonical English in every language.
        #expect(try CSVReportTests.lines(fixture.file("gains.csv"))[1] == "T01,time,2025K1,400.00,350.50,reported,400.00,350.50,-49.50,0.87625,yellow")
    }

    /// Excel-Norwegian in nynorsk: `;`, decimal comma, BOM, and headers and words in nynorsk.
    @Test func excelNorwegianStyle() throws {
        let fixture = try Fixture.small()
        defer { fixture.remove() }
        try fixture.report(language: .nn, formats: [.csv, .json], csvStyle: .excelNorwegian)
        let gains = try fixture.bytes("gains.csv")
        #expect(Array(gains.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let text = String(decoding: gains.dropFirst(3), as: UTF8.self)
        #expect(CSVReportTests.lines(text).prefix(3) == [
            "tiltak;gevinsttype;kvartal;planlagt;realisert;kjelde for realisert;planlagt akkumulert;realisert akkumulert;avvik;"
                + "realiseringsgrad;status",
            "T01;tid;2025K1;400,00;350,50;rapportert;400,00;350,50;-49,50;0,87625;gul",
            "T01;tid;2025K2;700,00;660,00;rapportert;1100,00;1010,50;-89,50;0,918636363636;grøn",
        ])
        let trends = String(decoding: try fixture.bytes("trends.csv").dropFirst(3), as: UTF8.self)
        #expect(CSVReportTests.lines(trends)[0].hasPrefix("indikator;eining;frekvens;tal på verdiar;første periode;siste periode;"))
        #expect(CSVReportTests.lines(trends)[3].hasPrefix("utsendt_post_fysisk;total;månad;3;2025M01;2025M03;1500;0,0000001;150000000000000000000;0;0,0000123;"))
        let rejects = String(decoding: try fixture.bytes("rejects.csv").dropFirst(3), as: UTF8.self)
        #expect(CSVReportTests.lines(rejects)[0] == "kjelde;fil;linje;kolonne;felt;grunn;tekst")
        // A comma needs no quotes with `;`; a `;` does.
        #expect(CSVReportTests.lines(rejects)[2]
            == "maalingar;data/example/inbox/maalingar/maalingar-2023-2025.csv;17;;verdi;'12,3,4' er ikkje eit tal;\"sjukefravaer;Heimetenesta Nord;2023M04;12,3,4\"")
        let findings = String(decoding: try fixture.bytes("findings.csv").dropFirst(3), as: UTF8.self)
        #expect(CSVReportTests.lines(findings)[0] == "type;alvor;kjelde;fil;tiltak;anna tiltak;indikator;eining;kvartal;gevinsttype;område;år;melding")
        #expect(CSVReportTests.lines(findings)[2].hasPrefix("Dobbelttelling;åtvaring;;;T01;T05;"))
        // report.json keeps the warehouse's words whatever the CSV style.
        let json = try JSONSerialization.jsonObject(with: fixture.bytes("report.json")) as! [String: Any]
        #expect((json["gains"] as! [String: Any])["columns"] as? [String] == ["initiative", "gain_type", "quarter", "planned", "realised",
            "realised_source", "cum_planned", "cum_realised", "deviation", "realisation_rate", "status"])
    }

    /// Bokmål has its own words; English keeps the warehouse's.
    @Test func excelNorwegianWordsFollowTheLanguage() throws {
        let fixture = try Fixture.small()
        defer { fixture.remove() }
        try fixture.report(language: .nb, formats: [.csv], csvStyle: .excelNorwegian)
        let nb = CSVReportTests.lines(String(decoding: try fixture.bytes("gains.csv").dropFirst(3), as: UTF8.self))
        #expect(nb[0].hasPrefix("tiltak;gevinsttype;kvartal;planlagt;realisert;kilde for realisert;"))
        #expect(nb[2] == "T01;tid;2025K2;700,00;660,00;rapportert;1100,00;1010,50;-89,50;0,918636363636;grønn")
        try fixture.report(language: .en, formats: [.csv], csvStyle: .excelNorwegian)
        let en = CSVReportTests.lines(String(decoding: try fixture.bytes("gains.csv").dropFirst(3), as: UTF8.self))
        #expect(en[0] == "initiative;gain_type;quarter;planned;realised;realised_source;cum_planned;cum_realised;deviation;realisation_rate;status")
        #expect(en[2] == "T01;time;2025K2;700,00;660,00;reported;1100,00;1010,50;-89,50;0,918636363636;green")
    }

    @Test func emptyWarehouseGivesHeadersOnly() throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        try fixture.report()
        #expect(try fixture.file("rejects.csv") == "source,file,line,column,field,reason,text\r\n")
        #expect(try fixture.file("findings.csv")
            == "kind,severity,source,file,initiative,related_initiative,indicator,org_unit,quarter,gain_type,area,year,message\r\n")
        #expect(try fixture.file("gains.csv").components(separatedBy: "\r\n").count == 2)
        let json = try JSONSerialization.jsonObject(with: fixture.bytes("report.json")) as! [String: Any]
        #expect(json["as_of"] is NSNull)
        #expect(((json["gains"] as! [String: Any])["rows"] as! [Any]).isEmpty)
        #expect(try fixture.file("summary.md").contains("Lageret har ingen gevinstplanar."))
        // No section is a bare heading: the area section says why it is empty too.
        #expect(try fixture.file("summary.md").contains("## Gevinstar per område\n\nLageret har ingen gevinstplanar."))
        #expect(try fixture.file("report.html").contains("Gevinstane er ikkje rekna ut enno."))
    }

    /// Text from the data that begins like a formula is written with a leading `'`, in both
    /// styles; numbers (a negative one too) are left as they are.
    @Test(arguments: [CSVStyle.standard, .excelNorwegian])
    func formulaLikeTextGetsAnApostrophe(style: CSVStyle) throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        try fixture.execute("""
            INSERT INTO trends (indicator, org_unit, frequency, n, last_value, trend, assessment)
            VALUES ('=HYPERLINK("http://x","y")', '+cmd', 'month', 1, -12.5, '-x', '@SUM(A1)'),
                   (char(9) || 'tab', char(13) || 'cr', 'month', 1, 3, 'plain', 'n/a')
            """)
        try fixture.report(formats: [.csv], csvStyle: style)
        // Ordered by indicator: the tab (U+0009) before `=`.
        let rows = try CSVReportTests.lines(fixture.file("trends.csv")).dropFirst().map { $0 }
        let (d, mark, month) = style == .standard ? (",", ".", "month") : (";", ",", "månad")
        #expect(rows[1].hasPrefix("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"\(d)'+cmd\(d)\(month)\(d)1\(d)\(d)\(d)-12\(mark)5\(d)"), "\(rows[1])")
        #expect(rows[1].contains("\(d)'-x\(d)'@SUM(A1)\(d)"), "\(rows[1])")
        #expect(rows[0].hasPrefix("'\ttab\(d)\"'\rcr\"\(d)\(month)\(d)1\(d)\(d)\(d)3\(d)"), "\(rows[0])")
    }
}
