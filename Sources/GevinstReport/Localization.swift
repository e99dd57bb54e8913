import GevinstCore

/// Every human-readable word of the HTML and Markdown reports and of `findings.csv`'s message.
/// Templates name their values in braces (`{as_of}`); a part in square brackets is left out
/// when a value it names is missing.
enum Phrase: String, CaseIterable {
    // Numbers, dates and periods.
    case decimalMark, groupSeparator, minusSign, percentPattern, moneyPattern, millionsOf
    case quarterShort, quarterLong, dayMonthYear, timestampPattern
    case january, february, march, april, may, june, july, august, september, october, november, december
    // Headings.
    case reportTitle, contents, figuresThrough, noGainsComputed
    case summaryHeading, trafficHeading, areaHeading, initiativeChartsHeading, indicatorsHeading
    case findingsHeading, findingsByKindHeading, rejectsHeading, freshnessHeading
    case freshnessIndicatorsHeading, freshnessSourcesHeading
    // Summary.
    case summaryIntro, summaryFigure, summaryNothingPlanned, noGainPlans, lightCountsIntro, rateRealised
    // Column labels.
    case colInitiative, colOwner, colArea, colGainType, colPlannedToDate, colRealisedToDate, colDeviation
    case colRate, colLight, colQuarter, colIndicator, colOrgUnit, colFrequency, colLatestPeriod, colLatestValue
    case colChangeYoY, colTrend, colAssessment, colTarget, colSeries, colSource, colFiles, colLastImported
    case colFile, colField, colReason, colText, colKind, colCount, colSeverity, colMessage
    // Traffic lights.
    case lightGreen, lightYellow, lightRed, lightNone, lightFuture, lightLegend
    // Gain types and units.
    case gainBudget, gainEfficiency, gainTime, gainQuality, unitKroner, unitHours, unitGeneric
    // Charts.
    case chartPlanned, chartRealised, chartMeasured, chartTarget, chartCentre, chartLimits
    case chartSignalOutside, chartSignalRun, chartInitiative, chartArea, chartTrend, chartLastValue
    case initiativeChartsCapped, areaChartsCapped, trendChartsCapped, rowsCapped, noSeries
    // Initiatives.
    case ownerLabel, areaLabel, deadline, notInRegister
    case initiativePlanned, initiativeActive, initiativeCompleted, initiativeStopped
    // Indicator values.
    case assessImproving, assessWorsening, assessStable, trendIncreasing, trendDecreasing, trendNone
    case frequencyMonth, frequencyQuarter, frequencyYear, orgUnitTotal, areaAll, areaNone
    // Findings and rejects.
    case severityWarning, severityInfo, findingsNone, findingsIntro, rejectsNone, rejectsIntro
    case rejectFieldCount, rejectNulByte, rejectRequiredEmpty, rejectUnknownName, rejectInvalidPeriod
    case rejectPeriodKind, rejectCoarserThanFrequency, rejectInvalidNumber, rejectNumberTooLarge, rejectAmountTooLarge
    case rejectInvalidDate, rejectDuplicateKey, rejectOrgUnitConflict, rejectConflictingValue, rejectLineLength, rejectAccountClass
    case kindIndicatorRegistered, kindUnknownInitiative, kindUnknownIndicator, kindSaftTotalsMismatch
    case kindSaftUnbalancedTransaction, kindSaftPeriodOutOfRange, kindSaftLineWithoutAnalysis, kindKostraYearToDateGap
    case kindCoarserThanFrequency, kindDoubleCount, kindLinkRefused, kindLinkWithoutMeasurements
    case kindUnmeasurableInitiative, kindReportedDerivedDisagree, kindFileFailed, kindFuturePeriod, kindAsOfInFuture
    case kindEmptyReplacement, messageEmptyReplacement
    case messageIndicatorRegistered, messageUnknownInitiative, messageUnknownIndicator, messageSaftTotalsMismatch
    case messageSaftUnbalancedTransaction, messageSaftPeriodOutOfRange, messageSaftLineWithoutAnalysis, messageKostraYearToDateGap
    case messageCoarserThanFrequency, messageDoubleCount, messageLinkRefused, messageLinkWithoutMeasurements
    case messageUnmeasurableInitiative, messageReportedDerivedDisagree, messageFileFailed, messageFuturePeriod
    case messageAsOfInFuture
    case messageSaftUnbalancedSummary, messageSaftPeriodSummary
    // Freshness.
    case freshnessGains, freshnessTrends, freshnessImport, machineFiles
    // The canonical input fields (SPEC §4), named in rejects.
    case fieldIndicator, fieldName, fieldUnit, fieldPolarity, fieldAggregation, fieldFrequency, fieldTarget
    case fieldOrgUnit, fieldPeriod, fieldValue, fieldInitiative, fieldTitle, fieldOwner, fieldArea, fieldStatus
    case fieldDeadline, fieldDescription, fieldGainType, fieldAmount, fieldBaseline, fieldFactor, fieldStart
    case fieldParent, fieldAliases
    // Warnings at the top of the report, and rejected rows as a finding (rev. 2).
    case warningsHeading, warningsCapped, warningMark, kindRowsRejected, messageRowsRejected
    case rejectedRowsIndicators, rejectedRowsInitiatives, rejectedRowsGainPlans, rejectedRowsGainsReported
    case rejectedRowsGainLinks, rejectedRowsOrgUnits, rejectedRowsMeasurements
    case rejectedWhatIndicators, rejectedWhatInitiatives, rejectedWhatGainPlans, rejectedWhatGainsReported
    case rejectedWhatGainLinks, rejectedWhatOrgUnits, rejectedWhatMeasurements
    // Quality gains as levels (rev. 2).
    case unitPercentagePoints, gainQualityLevel, chartPlannedLevel, chartRealisedLevel, chartQualityLevel
    case summaryQualityNote, summaryQualityItem
}

/// The phrases of one language, and the template filling they share.
struct Localization {
    let language: ReportLanguage
    private let table: [Phrase: String]

    init(_ language: ReportLanguage) {
        self.language = language
        table = Localization.tables[language] ?? [:]
    }

    subscript(_ phrase: Phrase) -> String { table[phrase] ?? "" }

    /// The phrase with its `{name}` values filled in and `[…]` parts whose values are missing left out.
    func callAsFunction(_ phrase: Phrase, _ values: [String: String] = [:]) -> String {
        Localization.fill(self[phrase], values)
    }

    static func fill(_ template: String, _ values: [String: String]) -> String {
        var result = ""
        var optional = ""
        var optionalComplete = true
        var inOptional = false
        var name: String?
        for character in template {
            if var current = name {
                if character == "}" {
                    let value = values[current]
                    if inOptional {
                        if let value { optional += value } else { optionalComplete = false }
                    } else {
                        result += value ?? "–"
                    }
                    name = nil
                } else {
                    current.append(character)
                    name = current
                }
                continue
            }
            switch character {
            case "{": name = ""
            case "[" where !inOptional:
                inOptional = true
                optional = ""
                optionalComplete = true
            case "]" where inOptional:
                if optionalComplete { result += optional }
                inOptional = false
            default:
                if inOptional { optional.append(character) } else { result.append(character) }
            }
        }
        return result
    }

    static let tables: [ReportLanguage: [Phrase: String]] = [.nn: nynorsk, .nb: bokmal, .en: english]

    // U+00A0 no-break space between figures and units, and between thousands.
    private static let nbsp = "\u{00A0}"

    /// Numbers, dates and periods as both Norwegian written standards write them.
    private static let norwegian: [Phrase: String] = [
        .decimalMark: ",", .groupSeparator: nbsp, .minusSign: "\u{2212}",
        .percentPattern: "{value}\(nbsp)%", .moneyPattern: "{amount}\(nbsp)kr", .millionsOf: "mill.\(nbsp){unit}",
        .quarterShort: "K{quarter}", .quarterLong: "K{quarter}\(nbsp){year}", .dayMonthYear: "{day}. {month} {year}",
        .timestampPattern: "{date} kl. {time} UTC",
        .january: "januar", .february: "februar", .march: "mars", .april: "april", .may: "mai", .june: "juni",
        .july: "juli", .august: "august", .september: "september", .october: "oktober", .november: "november",
        .december: "desember",
        .unitKroner: "kr",
    ]

    static let nynorsk: [Phrase: String] = norwegian.merging([
        .reportTitle: "Gevinstrapport", .contents: "Innhald", .figuresThrough: "Tal til og med {as_of}",
        .noGainsComputed: "Gevinstane er ikkje rekna ut enno.",
        .summaryHeading: "Samandrag", .trafficHeading: "Trafikklys per tiltak", .areaHeading: "Gevinstar per område",
        .initiativeChartsHeading: "Planlagt og realisert per tiltak", .indicatorsHeading: "Indikatorar",
        .findingsHeading: "Funn", .findingsByKindHeading: "Funn etter type", .rejectsHeading: "Avviste rader",
        .freshnessHeading: "Kor ferske er tala?", .freshnessIndicatorsHeading: "Siste målte periode per indikator",
        .freshnessSourcesHeading: "Importerte filer per kjelde",
        .summaryIntro: "Av gevinstane som var planlagde til og med {as_of}, er så mykje realisert:",
        .summaryFigure: "{realised} av {planned}", .summaryNothingPlanned: "Ingenting planlagt til og med {as_of}.",
        .noGainPlans: "Lageret har ingen gevinstplanar.",
        .lightCountsIntro: "Tiltak og gevinsttypar per trafikklys:", .rateRealised: "{rate} realisert",
        .colInitiative: "Tiltak", .colOwner: "Ansvarleg", .colArea: "Område", .colGainType: "Gevinsttype",
        .colPlannedToDate: "Planlagt hittil", .colRealisedToDate: "Realisert hittil", .colDeviation: "Avvik",
        .colRate: "Realiseringsgrad", .colLight: "Trafikklys", .colQuarter: "Kvartal", .colIndicator: "Indikator",
        .colOrgUnit: "Eining", .colFrequency: "Frekvens", .colLatestPeriod: "Siste periode",
        .colLatestValue: "Siste verdi", .colChangeYoY: "Endring på eitt år", .colTrend: "Trend",
        .colAssessment: "Vurdering", .colTarget: "Mål", .colSeries: "Seriar", .colSource: "Kjelde",
        .colFiles: "Filer", .colLastImported: "Sist importert", .colFile: "Fil",
        .colField: "Felt", .colReason: "Grunn", .colText: "Tekst", .colKind: "Type",
        .colCount: "Tal", .colSeverity: "Alvor", .colMessage: "Skildring",
        .lightGreen: "Grøn", .lightYellow: "Gul", .lightRed: "Raud", .lightNone: "Ingen plan",
        .lightFuture: "Ikkje starta",
        .lightLegend: "Trafikklyset viser realiseringsgraden hittil: ● Grøn frå {green}, ▲ Gul frå {yellow}, ■ Raud under {yellow}. ○ Ingen plan: ingenting planlagt hittil. ◌ Ikkje starta: planen byrjar etter {as_of}.",
        .gainBudget: "Budsjett", .gainEfficiency: "Effektivisering", .gainTime: "Tid", .gainQuality: "Kvalitet",
        .unitHours: "timar", .unitGeneric: "einingar",
        .chartPlanned: "Planlagt, kumulativt", .chartRealised: "Realisert, kumulativt", .chartMeasured: "Målt verdi",
        .chartTarget: "Mål: {value}", .chartCentre: "Sentrallinje: {value}",
        .chartLimits: "Kontrollgrenser: {lower} til {upper}", .chartSignalOutside: "Utanfor kontrollgrensene",
        .chartSignalRun: "Del av ei rekkje på 7 eller fleire på same sida av sentrallinja",
        .chartInitiative: "Planlagd og realisert gevinst ({gain_type}) for {name}, kumulativt per kvartal, i {unit}.",
        .chartArea: "Planlagd og realisert gevinst ({gain_type}) for {name}, kumulativt per kvartal, i {unit}.",
        .chartTrend: "{indicator} for {org_unit} per {frequency}, i {unit}, med kontrollgrenser.",
        .chartLastValue: "Siste verdi: {value} ({period}).",
        .initiativeChartsCapped: "Diagram for dei første {shown} av {total} tiltaka. Tala for alle står i {file}.",
        .areaChartsCapped: "Diagram for dei første {shown} av {total} områda. Tala for alle står i {file}.",
        .trendChartsCapped: "Diagram for {shown} av {total} seriar: dei som gevinstkoplingar brukar, og elles opptil {per} per indikator. Alle står i {file}.",
        .rowsCapped: "Viser dei første {shown} av {total} radene. Alle står i {file}.",
        .noSeries: "Ingen indikatorseriar er rekna ut.",
        .ownerLabel: "Ansvarleg: {owner}", .areaLabel: "Område: {area}", .deadline: "frist {date}",
        .notInRegister: "ikkje i tiltaksregisteret",
        .initiativePlanned: "planlagt", .initiativeActive: "pågår", .initiativeCompleted: "fullført",
        .initiativeStopped: "avbrote",
        .assessImproving: "betring", .assessWorsening: "forverring", .assessStable: "stabil",
        .trendIncreasing: "aukande", .trendDecreasing: "minkande", .trendNone: "ingen trend",
        .frequencyMonth: "månad", .frequencyQuarter: "kvartal", .frequencyYear: "år",
        .orgUnitTotal: "heile kommunen", .areaAll: "Alle område", .areaNone: "Utan område",
        .severityWarning: "Åtvaring", .severityInfo: "Merknad", .findingsNone: "Ingen funn.",
        .findingsIntro: "Funn i alt: {count} (åtvaringar: {warnings}, merknader: {infos}).",
        .rejectsNone: "Ingen rader vart avviste ved import.",
        .rejectsIntro: "Avviste rader ved import: {count}. Dei er ikkje med i tala; alle står i {file}.",
        .rejectFieldCount: "Feil tal på felt i rada", .rejectNulByte: "Feltet har eit NUL-teikn",
        .rejectRequiredEmpty: "Påkravd felt manglar verdi", .rejectUnknownName: "Ukjend verdi for feltet",
        .rejectInvalidPeriod: "Ikkje ein gyldig periode", .rejectPeriodKind: "Feil periodetype for feltet",
        .rejectCoarserThanFrequency: "Lengre periode enn frekvensen til indikatoren",
        .rejectInvalidNumber: "Ikkje eit gyldig tal", .rejectNumberTooLarge: "Talet er større enn 10^15",
        .rejectAmountTooLarge: "Beløpet har for mange siffer",
        .rejectInvalidDate: "Ikkje ein gyldig dato", .rejectDuplicateKey: "Same nøkkel står tidlegare i fila",
        .rejectOrgUnitConflict: "Koden eller aliaset høyrer alt til ei anna eining",
        .rejectConflictingValue: "Same måling står tidlegare i fila med ein annan verdi",
        .rejectLineLength: "Lina har feil lengd", .rejectAccountClass: "Kontoklassen høyrer ikkje til skjemaet",
        .kindKostraYearToDateGap: "KOSTRA-kvartal utan førre kvartal",
        .messageKostraYearToDateGap: "KOSTRA-fila {file} gjeld året til og med {quarter}, men fila for {period}[ (skjema {form}, region {region})] er ikkje importert: {quarter} får ingen verdiar før ho er det.",
        .kindIndicatorRegistered: "Indikator utan katalogoppføring", .kindUnknownInitiative: "Ukjent tiltak",
        .kindUnknownIndicator: "Ukjend indikator", .kindSaftTotalsMismatch: "SAF-T-summar stemmer ikkje",
        .kindSaftUnbalancedTransaction: "SAF-T-transaksjon i ubalanse",
        .kindSaftPeriodOutOfRange: "SAF-T-periode utanfor 1–12", .kindSaftLineWithoutAnalysis: "SAF-T-linje utan analyse",
        .kindCoarserThanFrequency: "Verdi for lengre periode enn frekvensen", .kindDoubleCount: "Dobbelttelling",
        .kindLinkRefused: "Avvist kopling", .kindLinkWithoutMeasurements: "Kopling utan målingar",
        .kindUnmeasurableInitiative: "Tiltak som ikkje kan målast",
        .kindReportedDerivedDisagree: "Rapportert og utrekna gevinst spriker", .kindFileFailed: "Fil som ikkje vart importert",
        .kindFuturePeriod: "Data for periodar fram i tid", .kindAsOfInFuture: "Vurderingskvartal fram i tid",
        .kindEmptyReplacement: "Tom eksport erstatta ikkje registeret",
        .messageEmptyReplacement: "Den nye eksporten {file}[ (kjelde {source})] har ingen datarader; kjelda held på det ho hadde. Set allow_empty: true på kjelda om ei tom fil skal tømme ho.",
        .messageIndicatorRegistered: "Indikatoren {indicator} står ikkje i indikatorkatalogen og er registrert med standardinnstillingar[ og frekvensen {frequency}][ (kjelde {source})].",
        .messageUnknownInitiative: "Tiltaket {initiative} finst ikkje i tiltaksregisteret[ (kjelde {source})]; tala er tekne med likevel.",
        .messageUnknownIndicator: "Indikatoren {indicator} finst ikkje i indikatorkatalogen[, men tiltak {initiative} er kopla til han].",
        .messageSaftTotalsMismatch: "Kontrollsummane i SAF-T-fila {file} stemmer ikkje med linjene[ ({total}: oppgitt {declared}, rekna ut {computed})].",
        .messageSaftUnbalancedTransaction: "Ein transaksjon[ ({transaction})] i SAF-T-fila {file} er ikkje i balanse[: debet {debit}, kredit {credit}].",
        .messageSaftPeriodOutOfRange: "Ein transaksjon[ ({transaction})] i SAF-T-fila {file} har periode utanfor 1–12[ ({period})]; månaden er teken frå transaksjonsdatoen.",
        .messageSaftUnbalancedSummary: "I alt {count} transaksjonar i SAF-T-fila {file} er ikkje i balanse; dei første {listed} er lista kvar for seg.",
        .messageSaftPeriodSummary: "I alt {count} transaksjonar i SAF-T-fila {file} har periode utanfor 1–12; dei første {listed} er lista kvar for seg.",
        .messageSaftLineWithoutAnalysis: "Linjer utan analyse[ av typen {analysis_type}] i SAF-T-fila {file} er førte under eininga «unassigned»[ (tal på linjer: {count})].",
        .messageCoarserThanFrequency: "Verdiar for {indicator}[ ({org_unit})] er lagra for lengre periodar enn frekvensen til indikatoren[ ({frequency})] og er utelatne frå trenden[ (tal på verdiar: {count})].",
        .messageDoubleCount: "Tiltak {initiative} og {related_initiative} krev same gevinst[ ({gain_type})] på {indicator}[ for {org_unit}][ frå {quarter}]: gevinsten vert talt to gonger.",
        .messageLinkRefused: "Koplinga frå tiltak {initiative} til {indicator}[ ({gain_type})] er avvist fordi indikatoren er nøytral eller årleg; ho kan ikkje gi gevinst.",
        .messageLinkWithoutMeasurements: "Koplinga frå tiltak {initiative} til {indicator}[ for {org_unit}] har ingen målingar[ frå {quarter}] og gir ingen utrekna gevinst.[ Næraste einingar med målingar: {closest_org_units}.][ Næraste indikatorar med målingar: {closest_indicators}.]",
        .messageFuturePeriod: "{count} verdiar gjeld periodar etter dette kvartalet, den første {period}; as_of: auto ser bort frå dei. Sjekk om perioden er feilskriven.",
        .messageAsOfInFuture: "Vurderingskvartalet {quarter} ligg etter dette kvartalet ({period}): kvartal utan realisert gevinst tel som ingenting realisert.",
        .messageUnmeasurableInitiative: "Tiltak {initiative} har planlagde gevinstar[ ({gain_type})], men verken kopling til ein indikator eller rapportert gevinst, så gevinsten kan ikkje målast.",
        .messageReportedDerivedDisagree: "For tiltak {initiative}[ ({gain_type})][ i {quarter}] skil rapportert gevinst[ ({reported})] og utrekna gevinst[ ({derived})] seg med meir enn 10\(nbsp)%.",
        .messageFileFailed: "Fila {file}[ (kjelde {source})] vart ikkje importert og er ikkje med i tala[; feilen er på linje {line}][, kolonne {column}]: «{cause}».",
        .freshnessGains: "Gevinstane vart rekna ut {time}, med tal til og med {as_of}.",
        .freshnessTrends: "Trendane vart rekna ut {time}.", .freshnessImport: "Siste import: {time}.",
        .machineFiles: "Alle tala står òg i maskinlesbar form: {files}.",
        .fieldIndicator: "indikator", .fieldName: "namn", .fieldUnit: "måleeining", .fieldPolarity: "polaritet",
        .fieldAggregation: "aggregering", .fieldFrequency: "frekvens", .fieldTarget: "mål",
        .fieldOrgUnit: "organisasjonseining", .fieldPeriod: "periode", .fieldValue: "verdi", .fieldInitiative: "tiltak",
        .fieldTitle: "tittel", .fieldOwner: "ansvarleg", .fieldArea: "område", .fieldStatus: "tiltaksstatus",
        .fieldDeadline: "frist", .fieldDescription: "skildring", .fieldGainType: "gevinsttype", .fieldAmount: "beløp",
        .fieldBaseline: "utgangsverdi", .fieldFactor: "faktor", .fieldStart: "start", .fieldParent: "overordna eining", .fieldAliases: "alias",
        .warningsHeading: "Åtvaringar som endrar lesinga av tala",
        .warningsCapped: "Viser dei første {shown} av {total} åtvaringane. Alle står i {file}.", .warningMark: "⚠",
        .kindRowsRejected: "Avviste rader",
        .messageRowsRejected: "{count} {rows}[ for tiltak {initiative}] vart avviste ved import[ (fil {file})]: det kan mangle noko i {what}[ for {years}]. Sjå rejects.csv.",
        .rejectedRowsIndicators: "rader i indikatorkatalogen", .rejectedRowsInitiatives: "rader i tiltaksregisteret",
        .rejectedRowsGainPlans: "planrader", .rejectedRowsGainsReported: "rader med rapportert gevinst",
        .rejectedRowsGainLinks: "gevinstkoplingar", .rejectedRowsOrgUnits: "einingar", .rejectedRowsMeasurements: "målingar",
        .rejectedWhatIndicators: "indikatorkatalogen", .rejectedWhatInitiatives: "tiltaksregisteret",
        .rejectedWhatGainPlans: "planen", .rejectedWhatGainsReported: "den rapporterte gevinsten",
        .rejectedWhatGainLinks: "den utrekna gevinsten", .rejectedWhatOrgUnits: "namna på einingane", .rejectedWhatMeasurements: "måletala",
        .unitPercentagePoints: "prosentpoeng", .gainQualityLevel: "Kvalitet (nivå)",
        .chartPlannedLevel: "Planlagt nivå", .chartRealisedLevel: "Realisert nivå",
        .chartQualityLevel: "Planlagt og realisert nivå ({gain_type}) for {name} per kvartal, i {unit}. Eit nivå vert ikkje summert over kvartal.",
        .summaryQualityNote: "Kvalitetsgevinstar er nivå i eininga til indikatoren: dei vert ikkje summerte over kvartal eller tiltak og er ikkje med i summane over.",
        .summaryQualityItem: "{name}: nivå {realised} mot planlagt {planned}",
    ]) { $1 }

    static let bokmal: [Phrase: String] = norwegian.merging([
        .reportTitle: "Gevinstrapport", .contents: "Innhold", .figuresThrough: "Tall til og med {as_of}",
        .noGainsComputed: "Gevinstene er ikke beregnet ennå.",
        .summaryHeading: "Sammendrag", .trafficHeading: "Trafikklys per tiltak", .areaHeading: "Gevinster per område",
        .initiativeChartsHeading: "Planlagt og realisert per tiltak", .indicatorsHeading: "Indikatorer",
        .findingsHeading: "Funn", .findingsByKindHeading: "Funn etter type", .rejectsHeading: "Avviste rader",
        .freshnessHeading: "Hvor ferske er tallene?", .freshnessIndicatorsHeading: "Siste målte periode per indikator",
        .freshnessSourcesHeading: "Importerte filer per kilde",
        .summaryIntro: "Av gevinstene som var planlagt til og med {as_of}, er så mye realisert:",
        .summaryFigure: "{realised} av {planned}", .summaryNothingPlanned: "Ingenting planlagt til og med {as_of}.",
        .noGainPlans: "Lageret har ingen gevinstplaner.",
        .lightCountsIntro: "Tiltak og gevinsttyper per trafikklys:", .rateRealised: "{rate} realisert",
        .colInitiative: "Tiltak", .colOwner: "Ansvarlig", .colArea: "Område", .colGainType: "Gevinsttype",
        .colPlannedToDate: "Planlagt hittil", .colRealisedToDate: "Realisert hittil", .colDeviation: "Avvik",
        .colRate: "Realiseringsgrad", .colLight: "Trafikklys", .colQuarter: "Kvartal", .colIndicator: "Indikator",
        .colOrgUnit: "Enhet", .colFrequency: "Frekvens", .colLatestPeriod: "Siste periode",
        .colLatestValue: "Siste verdi", .colChangeYoY: "Endring på ett år", .colTrend: "Trend",
        .colAssessment: "Vurdering", .colTarget: "Mål", .colSeries: "Serier", .colSource: "Kilde",
        .colFiles: "Filer", .colLastImported: "Sist importert", .colFile: "Fil",
        .colField: "Felt", .colReason: "Årsak", .colText: "Tekst", .colKind: "Type",
        .colCount: "Antall", .colSeverity: "Alvorlighet", .colMessage: "Beskrivelse",
        .lightGreen: "Grønn", .lightYellow: "Gul", .lightRed: "Rød", .lightNone: "Ingen plan",
        .lightFuture: "Ikke startet",
        .lightLegend: "Trafikklyset viser realiseringsgraden hittil: ● Grønn fra {green}, ▲ Gul fra {yellow}, ■ Rød under {yellow}. ○ Ingen plan: ingenting planlagt hittil. ◌ Ikke startet: planen begynner etter {as_of}.",
        .gainBudget: "Budsjett", .gainEfficiency: "Effektivisering", .gainTime: "Tid", .gainQuality: "Kvalitet",
        .unitHours: "timer", .unitGeneric: "enheter",
        .chartPlanned: "Planlagt, kumulativt", .chartRealised: "Realisert, kumulativt", .chartMeasured: "Målt verdi",
        .chartTarget: "Mål: {value}", .chartCentre: "Senterlinje: {value}",
        .chartLimits: "Kontrollgrenser: {lower} til {upper}", .chartSignalOutside: "Utenfor kontrollgrensene",
        .chartSignalRun: "Del av en rekke på 7 eller flere på samme side av senterlinjen",
        .chartInitiative: "Planlagt og realisert gevinst ({gain_type}) for {name}, kumulativt per kvartal, i {unit}.",
        .chartArea: "Planlagt og realisert gevinst ({gain_type}) for {name}, kumulativt per kvartal, i {unit}.",
        .chartTrend: "{indicator} for {org_unit} per {frequency}, i {unit}, med kontrollgrenser.",
        .chartLastValue: "Siste verdi: {value} ({period}).",
        .initiativeChartsCapped: "Diagrammer for de første {shown} av {total} tiltakene. Tallene for alle står i {file}.",
        .areaChartsCapped: "Diagrammer for de første {shown} av {total} områdene. Tallene for alle står i {file}.",
        .trendChartsCapped: "Diagrammer for {shown} av {total} serier: de som gevinstkoblinger bruker, og ellers opptil {per} per indikator. Alle står i {file}.",
        .rowsCapped: "Viser de første {shown} av {total} radene. Alle står i {file}.",
        .noSeries: "Ingen indikatorserier er beregnet.",
        .ownerLabel: "Ansvarlig: {owner}", .areaLabel: "Område: {area}", .deadline: "frist {date}",
        .notInRegister: "ikke i tiltaksregisteret",
        .initiativePlanned: "planlagt", .initiativeActive: "pågår", .initiativeCompleted: "fullført",
        .initiativeStopped: "avbrutt",
        .assessImproving: "bedring", .assessWorsening: "forverring", .assessStable: "stabil",
        .trendIncreasing: "økende", .trendDecreasing: "synkende", .trendNone: "ingen trend",
        .frequencyMonth: "måned", .frequencyQuarter: "kvartal", .frequencyYear: "år",
        .orgUnitTotal: "hele kommunen", .areaAll: "Alle områder", .areaNone: "Uten område",
        .severityWarning: "Advarsel", .severityInfo: "Merknad", .findingsNone: "Ingen funn.",
        .findingsIntro: "Funn i alt: {count} (advarsler: {warnings}, merknader: {infos}).",
        .rejectsNone: "Ingen rader ble avvist ved import.",
        .rejectsIntro: "Avviste rader ved import: {count}. De er ikke med i tallene; alle står i {file}.",
        .rejectFieldCount: "Feil antall felt i raden", .rejectNulByte: "Feltet har et NUL-tegn",
        .rejectRequiredEmpty: "Påkrevd felt mangler verdi", .rejectUnknownName: "Ukjent verdi for feltet",
        .rejectInvalidPeriod: "Ikke en gyldig periode", .rejectPeriodKind: "Feil periodetype for feltet",
        .rejectCoarserThanFrequency: "Lengre periode enn indikatorens frekvens",
        .rejectInvalidNumber: "Ikke et gyldig tall", .rejectNumberTooLarge: "Tallet er større enn 10^15",
        .rejectAmountTooLarge: "Beløpet har for mange sifre",
        .rejectInvalidDate: "Ikke en gyldig dato", .rejectDuplicateKey: "Samme nøkkel står tidligere i filen",
        .rejectOrgUnitConflict: "Koden eller aliaset hører allerede til en annen enhet",
        .rejectConflictingValue: "Samme måling står tidligere i filen med en annen verdi",
        .rejectLineLength: "Linjen har feil lengde", .rejectAccountClass: "Kontoklassen hører ikke til skjemaet",
        .kindKostraYearToDateGap: "KOSTRA-kvartal uten forrige kvartal",
        .messageKostraYearToDateGap: "KOSTRA-filen {file} gjelder året til og med {quarter}, men filen for {period}[ (skjema {form}, region {region})] er ikke importert: {quarter} får ingen verdier før den er det.",
        .kindIndicatorRegistered: "Indikator uten katalogoppføring", .kindUnknownInitiative: "Ukjent tiltak",
        .kindUnknownIndicator: "Ukjent indikator", .kindSaftTotalsMismatch: "SAF-T-summer stemmer ikke",
        .kindSaftUnbalancedTransaction: "SAF-T-transaksjon i ubalanse",
        .kindSaftPeriodOutOfRange: "SAF-T-periode utenfor 1–12", .kindSaftLineWithoutAnalysis: "SAF-T-linje uten analyse",
        .kindCoarserThanFrequency: "Verdi for lengre periode enn frekvensen", .kindDoubleCount: "Dobbelttelling",
        .kindLinkRefused: "Avvist kobling", .kindLinkWithoutMeasurements: "Kobling uten målinger",
        .kindUnmeasurableInitiative: "Tiltak som ikke kan måles",
        .kindReportedDerivedDisagree: "Rapportert og beregnet gevinst spriker", .kindFileFailed: "Fil som ikke ble importert",
        .kindFuturePeriod: "Data for perioder fram i tid", .kindAsOfInFuture: "Vurderingskvartal fram i tid",
        .kindEmptyReplacement: "Tom eksport erstattet ikke registeret",
        .messageEmptyReplacement: "Den nye eksporten {file}[ (kilde {source})] har ingen datarader; kilden beholder det den hadde. Sett allow_empty: true på kilden om en tom fil skal tømme den.",
        .messageIndicatorRegistered: "Indikatoren {indicator} står ikke i indikatorkatalogen og er registrert med standardinnstillinger[ og frekvensen {frequency}][ (kilde {source})].",
        .messageUnknownInitiative: "Tiltaket {initiative} finnes ikke i tiltaksregisteret[ (kilde {source})]; tallene er tatt med likevel.",
        .messageUnknownIndicator: "Indikatoren {indicator} finnes ikke i indikatorkatalogen[, men tiltak {initiative} er koblet til den].",
        .messageSaftTotalsMismatch: "Kontrollsummene i SAF-T-filen {file} stemmer ikke med linjene[ ({total}: oppgitt {declared}, beregnet {computed})].",
        .messageSaftUnbalancedTransaction: "En transaksjon[ ({transaction})] i SAF-T-filen {file} er ikke i balanse[: debet {debit}, kredit {credit}].",
        .messageSaftPeriodOutOfRange: "En transaksjon[ ({transaction})] i SAF-T-filen {file} har periode utenfor 1–12[ ({period})]; måneden er tatt fra transaksjonsdatoen.",
        .messageSaftUnbalancedSummary: "I alt {count} transaksjoner i SAF-T-filen {file} er ikke i balanse; de første {listed} er listet hver for seg.",
        .messageSaftPeriodSummary: "I alt {count} transaksjoner i SAF-T-filen {file} har periode utenfor 1–12; de første {listed} er listet hver for seg.",
        .messageSaftLineWithoutAnalysis: "Linjer uten analyse[ av typen {analysis_type}] i SAF-T-filen {file} er ført under enheten «unassigned»[ (antall linjer: {count})].",
        .messageCoarserThanFrequency: "Verdier for {indicator}[ ({org_unit})] er lagret for lengre perioder enn indikatorens frekvens[ ({frequency})] og er utelatt fra trenden[ (antall verdier: {count})].",
        .messageDoubleCount: "Tiltak {initiative} og {related_initiative} krever samme gevinst[ ({gain_type})] på {indicator}[ for {org_unit}][ fra {quarter}]: gevinsten telles to ganger.",
        .messageLinkRefused: "Koblingen fra tiltak {initiative} til {indicator}[ ({gain_type})] er avvist fordi indikatoren er nøytral eller årlig; den kan ikke gi gevinst.",
        .messageLinkWithoutMeasurements: "Koblingen fra tiltak {initiative} til {indicator}[ for {org_unit}] har ingen målinger[ fra {quarter}] og gir ingen beregnet gevinst.[ Nærmeste enheter med målinger: {closest_org_units}.][ Nærmeste indikatorer med målinger: {closest_indicators}.]",
        .messageFuturePeriod: "{count} verdier gjelder perioder etter dette kvartalet, den første {period}; as_of: auto ser bort fra dem. Sjekk om perioden er feilskrevet.",
        .messageAsOfInFuture: "Vurderingskvartalet {quarter} ligger etter dette kvartalet ({period}): kvartaler uten realisert gevinst teller som ingenting realisert.",
        .messageUnmeasurableInitiative: "Tiltak {initiative} har planlagte gevinster[ ({gain_type})], men verken kobling til en indikator eller rapportert gevinst, så gevinsten kan ikke måles.",
        .messageReportedDerivedDisagree: "For tiltak {initiative}[ ({gain_type})][ i {quarter}] skiller rapportert gevinst[ ({reported})] og beregnet gevinst[ ({derived})] seg med mer enn 10\(nbsp)%.",
        .messageFileFailed: "Filen {file}[ (kilde {source})] ble ikke importert og er ikke med i tallene[; feilen er på linje {line}][, kolonne {column}]: «{cause}».",
        .freshnessGains: "Gevinstene ble beregnet {time}, med tall til og med {as_of}.",
        .freshnessTrends: "Trendene ble beregnet {time}.", .freshnessImport: "Siste import: {time}.",
        .machineFiles: "Alle tallene står også i maskinlesbar form: {files}.",
        .fieldIndicator: "indikator", .fieldName: "navn", .fieldUnit: "måleenhet", .fieldPolarity: "polaritet",
        .fieldAggregation: "aggregering", .fieldFrequency: "frekvens", .fieldTarget: "mål",
        .fieldOrgUnit: "organisasjonsenhet", .fieldPeriod: "periode", .fieldValue: "verdi", .fieldInitiative: "tiltak",
        .fieldTitle: "tittel", .fieldOwner: "ansvarlig", .fieldArea: "område", .fieldStatus: "tiltaksstatus",
        .fieldDeadline: "frist", .fieldDescription: "beskrivelse", .fieldGainType: "gevinsttype", .fieldAmount: "beløp",
        .fieldBaseline: "utgangsverdi", .fieldFactor: "faktor", .fieldStart: "start", .fieldParent: "overordnet enhet", .fieldAliases: "alias",
        .warningsHeading: "Advarsler som endrer lesningen av tallene",
        .warningsCapped: "Viser de første {shown} av {total} advarslene. Alle står i {file}.", .warningMark: "⚠",
        .kindRowsRejected: "Avviste rader",
        .messageRowsRejected: "{count} {rows}[ for tiltak {initiative}] ble avvist ved import[ (fil {file})]: det kan mangle noe i {what}[ for {years}]. Se rejects.csv.",
        .rejectedRowsIndicators: "rader i indikatorkatalogen", .rejectedRowsInitiatives: "rader i tiltaksregisteret",
        .rejectedRowsGainPlans: "planrader", .rejectedRowsGainsReported: "rader med rapportert gevinst",
        .rejectedRowsGainLinks: "gevinstkoblinger", .rejectedRowsOrgUnits: "enheter", .rejectedRowsMeasurements: "målinger",
        .rejectedWhatIndicators: "indikatorkatalogen", .rejectedWhatInitiatives: "tiltaksregisteret",
        .rejectedWhatGainPlans: "planen", .rejectedWhatGainsReported: "den rapporterte gevinsten",
        .rejectedWhatGainLinks: "den beregnede gevinsten", .rejectedWhatOrgUnits: "navnene på enhetene", .rejectedWhatMeasurements: "måletallene",
        .unitPercentagePoints: "prosentpoeng", .gainQualityLevel: "Kvalitet (nivå)",
        .chartPlannedLevel: "Planlagt nivå", .chartRealisedLevel: "Realisert nivå",
        .chartQualityLevel: "Planlagt og realisert nivå ({gain_type}) for {name} per kvartal, i {unit}. Et nivå summeres ikke over kvartaler.",
        .summaryQualityNote: "Kvalitetsgevinster er nivåer i indikatorens enhet: de summeres ikke over kvartaler eller tiltak og er ikke med i summene over.",
        .summaryQualityItem: "{name}: nivå {realised} mot planlagt {planned}",
    ]) { $1 }

    static let english: [Phrase: String] = [
        .decimalMark: ".", .groupSeparator: ",", .minusSign: "\u{2212}",
        .percentPattern: "{value}%", .moneyPattern: "NOK\(nbsp){amount}", .millionsOf: "{unit}, millions",
        .quarterShort: "Q{quarter}", .quarterLong: "Q{quarter}\(nbsp){year}", .dayMonthYear: "{day} {month} {year}",
        .timestampPattern: "{date}, {time} UTC",
        .january: "January", .february: "February", .march: "March", .april: "April", .may: "May", .june: "June",
        .july: "July", .august: "August", .september: "September", .october: "October", .november: "November",
        .december: "December",
        .reportTitle: "Gain realisation report", .contents: "Contents",
        .figuresThrough: "Figures up to and including {as_of}", .noGainsComputed: "The gains have not been computed yet.",
        .summaryHeading: "Summary", .trafficHeading: "Traffic lights per initiative", .areaHeading: "Gains by area",
        .initiativeChartsHeading: "Planned and realised per initiative", .indicatorsHeading: "Indicators",
        .findingsHeading: "Findings", .findingsByKindHeading: "Findings by kind", .rejectsHeading: "Rejected rows",
        .freshnessHeading: "How fresh are the figures?", .freshnessIndicatorsHeading: "Latest period measured per indicator",
        .freshnessSourcesHeading: "Imported files per source",
        .summaryIntro: "Of the gains planned up to and including {as_of}, this much is realised:",
        .summaryFigure: "{realised} of {planned}", .summaryNothingPlanned: "Nothing planned up to and including {as_of}.",
        .noGainPlans: "The warehouse holds no gain plans.",
        .lightCountsIntro: "Initiatives and gain types per traffic light:", .rateRealised: "{rate} realised",
        .colInitiative: "Initiative", .colOwner: "Owner", .colArea: "Area", .colGainType: "Gain type",
        .colPlannedToDate: "Planned to date", .colRealisedToDate: "Realised to date", .colDeviation: "Deviation",
        .colRate: "Realisation rate", .colLight: "Traffic light", .colQuarter: "Quarter", .colIndicator: "Indicator",
        .colOrgUnit: "Unit", .colFrequency: "Frequency", .colLatestPeriod: "Latest period",
        .colLatestValue: "Latest value", .colChangeYoY: "Change over a year", .colTrend: "Trend",
        .colAssessment: "Assessment", .colTarget: "Target", .colSeries: "Series", .colSource: "Source",
        .colFiles: "Files", .colLastImported: "Last imported", .colFile: "File",
        .colField: "Field", .colReason: "Reason", .colText: "Text", .colKind: "Kind",
        .colCount: "Count", .colSeverity: "Severity", .colMessage: "Description",
        .lightGreen: "Green", .lightYellow: "Yellow", .lightRed: "Red", .lightNone: "No plan",
        .lightFuture: "Not started",
        .lightLegend: "The traffic light shows the realisation rate to date: ● Green from {green}, ▲ Yellow from {yellow}, ■ Red below {yellow}. ○ No plan: nothing planned to date. ◌ Not started: the plan begins after {as_of}.",
        .gainBudget: "Budget", .gainEfficiency: "Efficiency", .gainTime: "Time", .gainQuality: "Quality",
        .unitKroner: "NOK", .unitHours: "hours", .unitGeneric: "units",
        .chartPlanned: "Planned, cumulative", .chartRealised: "Realised, cumulative", .chartMeasured: "Measured value",
        .chartTarget: "Target: {value}", .chartCentre: "Centre line: {value}",
        .chartLimits: "Control limits: {lower} to {upper}", .chartSignalOutside: "Outside the control limits",
        .chartSignalRun: "Part of a run of 7 or more on one side of the centre line",
        .chartInitiative: "Planned and realised gain ({gain_type}) for {name}, cumulative per quarter, in {unit}.",
        .chartArea: "Planned and realised gain ({gain_type}) for {name}, cumulative per quarter, in {unit}.",
        .chartTrend: "{indicator} for {org_unit} per {frequency}, in {unit}, with control limits.",
        .chartLastValue: "Latest value: {value} ({period}).",
        .initiativeChartsCapped: "Charts for the first {shown} of {total} initiatives. Figures for all are in {file}.",
        .areaChartsCapped: "Charts for the first {shown} of {total} areas. Figures for all are in {file}.",
        .trendChartsCapped: "Charts for {shown} of {total} series: those that gain links use, and otherwise up to {per} per indicator. All are in {file}.",
        .rowsCapped: "Showing the first {shown} of {total} rows. All are in {file}.",
        .noSeries: "No indicator series have been computed.",
        .ownerLabel: "Owner: {owner}", .areaLabel: "Area: {area}", .deadline: "deadline {date}",
        .notInRegister: "not in the initiative register",
        .initiativePlanned: "planned", .initiativeActive: "active", .initiativeCompleted: "completed",
        .initiativeStopped: "stopped",
        .assessImproving: "improving", .assessWorsening: "worsening", .assessStable: "stable",
        .trendIncreasing: "increasing", .trendDecreasing: "decreasing", .trendNone: "no trend",
        .frequencyMonth: "month", .frequencyQuarter: "quarter", .frequencyYear: "year",
        .orgUnitTotal: "whole municipality", .areaAll: "All areas", .areaNone: "No area",
        .severityWarning: "Warning", .severityInfo: "Note", .findingsNone: "No findings.",
        .findingsIntro: "Findings in all: {count} (warnings: {warnings}, notes: {infos}).",
        .rejectsNone: "No rows were rejected at import.",
        .rejectsIntro: "Rows rejected at import: {count}. They are not in the figures; all are in {file}.",
        .rejectFieldCount: "Wrong number of fields in the row", .rejectNulByte: "The field holds a NUL character",
        .rejectRequiredEmpty: "A required field has no value", .rejectUnknownName: "Unknown value for the field",
        .rejectInvalidPeriod: "Not a valid period", .rejectPeriodKind: "Wrong kind of period for the field",
        .rejectCoarserThanFrequency: "Period longer than the indicator's frequency",
        .rejectInvalidNumber: "Not a valid number", .rejectNumberTooLarge: "The number is larger than 10^15",
        .rejectAmountTooLarge: "The amount has too many digits",
        .rejectInvalidDate: "Not a valid date", .rejectDuplicateKey: "The same key appears earlier in the file",
        .rejectOrgUnitConflict: "The code or alias already belongs to another unit",
        .rejectConflictingValue: "The same measurement appears earlier in the file with another value",
        .rejectLineLength: "The line has the wrong length", .rejectAccountClass: "The kontoklasse does not belong to the form",
        .kindKostraYearToDateGap: "KOSTRA quarter without the quarter before",
        .messageKostraYearToDateGap: "KOSTRA file {file} holds the year up to {quarter}, but the file for {period}[ (form {form}, region {region})] has not been imported: {quarter} gets no values until it is.",
        .kindIndicatorRegistered: "Indicator not in the catalogue", .kindUnknownInitiative: "Unknown initiative",
        .kindUnknownIndicator: "Unknown indicator", .kindSaftTotalsMismatch: "SAF-T totals do not match",
        .kindSaftUnbalancedTransaction: "Unbalanced SAF-T transaction",
        .kindSaftPeriodOutOfRange: "SAF-T period outside 1–12", .kindSaftLineWithoutAnalysis: "SAF-T line without analysis",
        .kindCoarserThanFrequency: "Value for a longer period than the frequency", .kindDoubleCount: "Double counting",
        .kindLinkRefused: "Refused link", .kindLinkWithoutMeasurements: "Link without measurements",
        .kindUnmeasurableInitiative: "Initiative that cannot be measured",
        .kindReportedDerivedDisagree: "Reported and derived gains disagree", .kindFileFailed: "File not imported",
        .kindFuturePeriod: "Data for future periods", .kindAsOfInFuture: "as_of in the future",
        .kindEmptyReplacement: "Empty export did not replace the register",
        .messageEmptyReplacement: "The new export {file}[ (source {source})] holds no data rows; the source keeps what it had. Set allow_empty: true on the source to let an empty file clear it.",
        .messageIndicatorRegistered: "Indicator {indicator} is not in the indicator catalogue and was registered with default settings[ and frequency {frequency}][ (source {source})].",
        .messageUnknownInitiative: "Initiative {initiative} is not in the initiative register[ (source {source})]; its figures are kept.",
        .messageUnknownIndicator: "Indicator {indicator} is not in the indicator catalogue[, but initiative {initiative} is linked to it].",
        .messageSaftTotalsMismatch: "The control totals in SAF-T file {file} do not match its lines[ ({total}: declared {declared}, computed {computed})].",
        .messageSaftUnbalancedTransaction: "A transaction[ ({transaction})] in SAF-T file {file} does not balance[: debit {debit}, credit {credit}].",
        .messageSaftPeriodOutOfRange: "A transaction[ ({transaction})] in SAF-T file {file} has a period outside 1–12[ ({period})]; its month was taken from the transaction date.",
        .messageSaftUnbalancedSummary: "In all {count} transactions in SAF-T file {file} do not balance; the first {listed} are listed one by one.",
        .messageSaftPeriodSummary: "In all {count} transactions in SAF-T file {file} have a period outside 1–12; the first {listed} are listed one by one.",
        .messageSaftLineWithoutAnalysis: "Lines without an analysis[ of type {analysis_type}] in SAF-T file {file} were counted under the unit “unassigned”[ (lines: {count})].",
        .messageCoarserThanFrequency: "Values of {indicator}[ ({org_unit})] are stored for longer periods than the indicator's frequency[ ({frequency})] and were left out of the trend[ (values: {count})].",
        .messageDoubleCount: "Initiatives {initiative} and {related_initiative} claim the same gain[ ({gain_type})] on {indicator}[ for {org_unit}][ from {quarter}]: it is counted twice.",
        .messageLinkRefused: "The link from initiative {initiative} to {indicator}[ ({gain_type})] was refused because the indicator is neutral or yearly; it cannot yield a gain.",
        .messageLinkWithoutMeasurements: "The link from initiative {initiative} to {indicator}[ for {org_unit}] has no measurements[ from {quarter}] and yields no derived gain.[ Closest org units with measurements: {closest_org_units}.][ Closest indicators with measurements: {closest_indicators}.]",
        .messageFuturePeriod: "{count} values are for periods after the current quarter, the first {period}; as_of: auto leaves them out. Check whether the period is mistyped.",
        .messageAsOfInFuture: "The as_of quarter {quarter} is after the current quarter ({period}): quarters without a realised gain count as nothing realised.",
        .messageUnmeasurableInitiative: "Initiative {initiative} has planned gains[ ({gain_type})] but neither a link to an indicator nor a reported gain, so the gain cannot be measured.",
        .messageReportedDerivedDisagree: "For initiative {initiative}[ ({gain_type})][ in {quarter}], the reported gain[ ({reported})] and the derived gain[ ({derived})] differ by more than 10%.",
        .messageFileFailed: "The file {file}[ (source {source})] was not imported and is not in the figures[; the error is on line {line}][, column {column}]: “{cause}”.",
        .freshnessGains: "Gains were computed {time}, with figures up to and including {as_of}.",
        .freshnessTrends: "Trends were computed {time}.", .freshnessImport: "Last import: {time}.",
        .machineFiles: "All figures are also available in machine-readable form: {files}.",
        .fieldIndicator: "indicator", .fieldName: "name", .fieldUnit: "unit", .fieldPolarity: "polarity",
        .fieldAggregation: "aggregation", .fieldFrequency: "frequency", .fieldTarget: "target",
        .fieldOrgUnit: "org unit", .fieldPeriod: "period", .fieldValue: "value", .fieldInitiative: "initiative",
        .fieldTitle: "title", .fieldOwner: "owner", .fieldArea: "area", .fieldStatus: "status",
        .fieldDeadline: "deadline", .fieldDescription: "description", .fieldGainType: "gain type", .fieldAmount: "amount",
        .fieldBaseline: "baseline", .fieldFactor: "factor", .fieldStart: "start", .fieldParent: "parent unit", .fieldAliases: "aliases",
        .warningsHeading: "Warnings that change the reading of the figures",
        .warningsCapped: "Showing the first {shown} of {total} warnings. All are in {file}.", .warningMark: "⚠",
        .kindRowsRejected: "Rejected rows",
        .messageRowsRejected: "{count} {rows}[ for initiative {initiative}] were rejected at import[ (file {file})]: {what}[ for {years}] may be incomplete. See rejects.csv.",
        .rejectedRowsIndicators: "indicator catalogue row(s)", .rejectedRowsInitiatives: "initiative register row(s)",
        .rejectedRowsGainPlans: "plan row(s)", .rejectedRowsGainsReported: "reported gain row(s)",
        .rejectedRowsGainLinks: "gain link(s)", .rejectedRowsOrgUnits: "org unit(s)", .rejectedRowsMeasurements: "measurement(s)",
        .rejectedWhatIndicators: "the indicator catalogue", .rejectedWhatInitiatives: "the initiative register",
        .rejectedWhatGainPlans: "the plan", .rejectedWhatGainsReported: "the reported gain",
        .rejectedWhatGainLinks: "the derived gain", .rejectedWhatOrgUnits: "the names of the units", .rejectedWhatMeasurements: "the measurements",
        .unitPercentagePoints: "percentage points", .gainQualityLevel: "Quality (level)",
        .chartPlannedLevel: "Planned level", .chartRealisedLevel: "Realised level",
        .chartQualityLevel: "Planned and realised level ({gain_type}) for {name} per quarter, in {unit}. A level is not added up over quarters.",
        .summaryQualityNote: "Quality gains are levels in the indicator's unit: they are not added up over quarters or initiatives and are not in the totals above.",
        .summaryQualityItem: "{name}: level {realised} against {planned} planned",
    ]
}
