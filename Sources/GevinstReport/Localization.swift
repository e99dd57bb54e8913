import GevinstCore

/// Every human-readable word of the HTML and Markdown reports and of `findings.csv`'s message.
/// Templates name their values in braces (`{as_of}`); a part in square brackets is left out
/// when a value it names is missing.
enum Phrase: String, CaseIterable {
    // Numbers, dates and periods.
    case decimalMark, groupSeparator, minusSign, percentPattern, thousandsPattern, millionsOf
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
    case ownerLabel, areaLabel, deadline, notInRegister, phaseLabel, gainOwnerLabel, baselineDateLabel, handoverDateLabel
    case initiativeFindingsHeading, warnedRowNote, initiativeDetailsCapped
    case initiativePlanned, initiativeActive, initiativeCompleted, initiativeStopped
    // Indicator values.
    case assessImproving, assessWorsening, assessStable, trendIncreasing, trendDecreasing, trendNone
    case frequencyMonth, frequencyQuarter, frequencyYear, orgUnitTotal, areaAll, areaNone
    // Findings and rejects.
    case severityWarning, severityInfo, findingsNone, findingsIntro, rejectsNone, rejectsIntro
    case rejectFieldCount, rejectNulByte, rejectRequiredEmpty, rejectUnknownName, rejectInvalidPeriod
    case rejectPeriodKind, rejectCoarserThanFrequency, rejectInvalidNumber, rejectNumberTooLarge, rejectAmountTooLarge
    case rejectInvalidDate, rejectOutOfRange, rejectDuplicateKey, rejectOrgUnitConflict, rejectConflictingValue, rejectLineLength, rejectAccountClass
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
    case kindPxReadAsUTF8, messagePxReadAsUTF8, freshnessPublished
    case messageSaftUnbalancedSummary, messageSaftPeriodSummary
    // Freshness.
    case freshnessGains, freshnessTrends, freshnessImport, machineFiles
    // The canonical input fields (SPEC §4), named in rejects.
    case fieldIndicator, fieldName, fieldUnit, fieldPolarity, fieldAggregation, fieldFrequency, fieldTarget
    case fieldOrgUnit, fieldPeriod, fieldValue, fieldInitiative, fieldTitle, fieldOwner, fieldArea, fieldStatus
    case fieldDeadline, fieldDescription, fieldGainType, fieldAmount, fieldBaseline, fieldFactor, fieldStart
    case fieldParent, fieldAliases
    // Warnings at the top of the report, and rejected rows as a finding (rev. 2).
    case warningsHeading, warningsCapped, warningMark, kindRowsRejected, messageRowsRejected, messageRowRejected
    case rejectedRowsIndicators, rejectedRowsInitiatives, rejectedRowsGainPlans, rejectedRowsGainsReported
    case rejectedRowsGainLinks, rejectedRowsOrgUnits, rejectedRowsMeasurements
    case rejectedWhatIndicators, rejectedWhatInitiatives, rejectedWhatGainPlans, rejectedWhatGainsReported
    case rejectedWhatGainLinks, rejectedWhatOrgUnits, rejectedWhatMeasurements
    // Quality gains as levels (rev. 2).
    case unitPercentagePoints, gainQualityLevel, chartPlannedLevel, chartRealisedLevel, chartQualityLevel
    case summaryQualityNote, summaryQualityItem
    // Reports people trust (rev. 2): the year, sources, legend, rounding, double counting, indicators.
    case yearHeading, yearIntro, yearPlanned, yearRealised, yearForecast, yearForecastNote
    case colYearPlanned, colPlannedYTD, colRealisedYTD, colForecast, colForecastSource
    case forecastByRate, forecastAsPlanned, forecastYearDone, forecastLevel, forecastByFinance
    case colRealisedSource, sourceReported, sourceDerived, sourceMixed, sourceNone
    case gainLegendHeading, legendBudget, legendEfficiency, legendTime, legendQuality, roundingNote
    case doubleCountMark, pairPattern
    case colUnit, controlChartNote, chartLimitsClamped, chartBaseline, baselinePerMonth, chartStart
    case linkUse, sinceStart, longTrend, orgUnitUnassigned
    // The budget cycle and the gain life cycle.
    case budgetHeading
    case kindBudgetNotBalanced, messageBudgetNotBalanced
    case kindStoppedWithPlans, messageStoppedWithPlans
    case kindNextYearNotCovered, messageNextYearNotCovered
    case kindNoMeasurementPlan, messageNoMeasurementPlan
    case kindDeadlinePassed, messageDeadlinePassed
    case kindRealisingWithoutMeasurement, messageRealisingWithoutMeasurement
    case kindPlannedPastNoData, messagePlannedPastNoData
    case kindPhaseBehindPlan, messagePhaseBehindPlan
    case kindNoBaselineMeasurement, messageNoBaselineMeasurement
    case kindMissingGainOwner, messageMissingGainOwner
    case kindClosedWithGap, messageClosedWithGap
    case kindRedWithoutComment, messageRedWithoutComment
    case kindCommentAfterAsOf, messageCommentAfterAsOf
    case rejectedRowsBudgetTargets, rejectedRowsGainComments, rejectedRowsGainForecasts
    case rejectedWhatBudgetTargets, rejectedWhatGainComments, rejectedWhatGainForecasts
    // The A3 sheet (SPEC §13).
    case kindA3Incomplete, messageA3Incomplete, kindActionOverdue, messageActionOverdue
    case rejectedRowsActions, rejectedWhatActions, fieldAction, fieldOrder, fieldA3Date
    // One rejected row: the singular of each input kind's rows.
    case rejectedRowIndicators, rejectedRowInitiatives, rejectedRowGainPlans, rejectedRowGainsReported
    case rejectedRowGainLinks, rejectedRowOrgUnits, rejectedRowMeasurements, rejectedRowBudgetTargets
    case rejectedRowGainComments, rejectedRowGainForecasts, rejectedRowActions
    // The budget section (SPEC §11): its table, chart and annual cycle, and the comments.
    case budgetIntro, budgetColYear, budgetColRequirement, budgetColPlannedByArea, budgetColPlanned, budgetColCoverage
    case budgetColForecast, budgetColGap, budgetColForecastGap, budgetColStatus, budgetColComment, budgetBalanced
    case budgetNotBalanced, budgetElsewhere, budgetChartCaption, budgetChartDescription, budgetChartRequirement
    case budgetChartForecast, budgetCycleHeading, budgetCycleNow, budgetCycleYearTwo, budgetQuarter1, budgetQuarter2
    case budgetQuarter3, budgetQuarter4, budgetAsk1, budgetAsk2, budgetAsk3, budgetAsk4, commentBy, earlierComments
    // The phases of an initiative (SPEC §12).
    case phaseIdentify, phasePlan, phaseExecute, phaseHandover, phaseRealise, phaseClosed
    // The A3 sheet (SPEC §13): section names, the template's guiding questions, action statuses and labels.
    case a3Sheet, a3Rationale, a3CurrentState, a3TargetState, a3Actions, a3Measurement, a3AskRationale
    case a3AskCurrentState, a3AskTargetState, a3AskActions, a3AskMeasurement, actionNotStarted, actionInProgress
    case actionDone, actionCancelled, a3Date, a3Version, a3Status, a3Phase, a3GainOwner, a3Deadline, a3Action
    case a3Responsible, a3RootCauses
    case a3IndicatorChart, a3Baseline, a3Latest, a3TrendSince, a3LinkStart, a3GainsHeading, a3LatestComment
    case a3CommentPlace, a3BackToReport, a3Overdue, a3SheetsHeading, a3SheetsIntro
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
        .percentPattern: "{value}\(nbsp)%", .thousandsPattern: "{amount}\(nbsp)tkr", .millionsOf: "mill.\(nbsp){unit}",
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
        .colOrgUnit: "Organisasjonseining", .colFrequency: "Frekvens", .colLatestPeriod: "Siste periode",
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
        .phaseLabel: "Fase: {phase}", .gainOwnerLabel: "Gevinsteigar: {owner}", .baselineDateLabel: "Utgangspunkt målt {date}",
        .handoverDateLabel: "Overført til linja {date}", .initiativeFindingsHeading: "Funn for tiltaket",
        .initiativeDetailsCapped: "Her står dei første {shown} av {total} tiltaka. Tala for alle står i {file}, funna i findings.csv.",
        .warnedRowNote: "⚠ Tiltaket har ei åtvaring: funna står ved tiltaket under «Planlagt og realisert per tiltak».",
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
        .rejectInvalidDate: "Ikkje ein gyldig dato", .rejectOutOfRange: "Verdien er utanfor det lovlege området", .rejectDuplicateKey: "Same nøkkel står tidlegare i fila",
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
        .kindPxReadAsUTF8: "PC-Axis-fil lesen som UTF-8",
        .messagePxReadAsUTF8: "PC-Axis-fila {file} seier at ho er skriven i {declared}, men teksten er gyldig UTF-8 og er lesen som UTF-8.",
        .messageSaftLineWithoutAnalysis: "Linjer utan analyse[ av typen {analysis_type}] i SAF-T-fila {file} er førte under «utan eining»[ (tal på linjer: {count})].",
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
        .freshnessPublished: "Tala i {file} (kjelde {source}) er slik dei vart publiserte {date}.",
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
        .messageRowsRejected: "{count} {rows}[ for tiltak {initiative}][ for indikator {indicator}] vart avviste ved import[ (fil {file})]: det kan mangle noko i {what}[ for {years}][ for {periods}]. Sjå rejects.csv.",
        .messageRowRejected: "{count} {rows}[ for tiltak {initiative}][ for indikator {indicator}] vart avvist ved import[ (fil {file})]: det kan mangle noko i {what}[ for {years}][ for {periods}]. Sjå rejects.csv.",
        .rejectedRowIndicators: "rad i indikatorkatalogen", .rejectedRowInitiatives: "rad i tiltaksregisteret",
        .rejectedRowGainPlans: "planrad", .rejectedRowGainsReported: "rad med rapportert gevinst",
        .rejectedRowGainLinks: "gevinstkopling", .rejectedRowOrgUnits: "eining", .rejectedRowMeasurements: "måling",
        .rejectedRowBudgetTargets: "rad med innsparingskrav", .rejectedRowGainComments: "rad med kommentar",
        .rejectedRowGainForecasts: "rad med prognose", .rejectedRowActions: "endringstiltak",
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
        .yearHeading: "Året {year}: plan, realisert hittil og prognose",
        .yearIntro: "For heile {year}: kva som er planlagt, kva som er realisert til og med {as_of}, og kva året vil ende på om utviklinga held fram (prognose).",
        .yearPlanned: "Plan for året: {amount}", .yearRealised: "Realisert hittil i år: {realised} av {planned} planlagt hittil",
        .yearForecast: "Prognose for året: {amount} ({deviation} mot planen)",
        .yearForecastNote: "Prognosen er rekna ut per tiltak: realisert hittil i år pluss resten av årsplanen gonga med realiseringsgraden hittil i år (med 100 % når ingenting var planlagt hittil). Der økonomi har sett ein prognose for tiltaket, gjeld han i staden: prognosen frå økonomi. Summane er summen av tiltaka i gains_by_year.csv.",
        .colYearPlanned: "Plan for året", .colPlannedYTD: "Planlagt hittil i år", .colRealisedYTD: "Realisert hittil i år",
        .colForecast: "Prognose for året", .colForecastSource: "Grunnlag for prognosen",
        .forecastByFinance: "prognosen frå økonomi", .forecastByRate: "realiseringsgraden hittil i år ({rate})", .forecastAsPlanned: "realisert hittil og resten av planen (ingenting planlagt hittil)",
        .forecastYearDone: "året er ferdig: realisert", .forecastLevel: "ingen (nivå)",
        .colRealisedSource: "Kjelde for realisert", .sourceReported: "rapportert av økonomi",
        .sourceDerived: "utrekna frå indikator {indicators}",
        .sourceMixed: "rapportert av økonomi ({reported} kvartal), elles utrekna frå indikator {indicators} ({derived} kvartal)",
        .sourceNone: "ingen realiserte tal enno",
        .gainLegendHeading: "Kva gevinsttypane tyder",
        .legendBudget: "Budsjett: pengar som er tekne ut av budsjettet (kontantfrigjerande). Berre denne typen gjev kroner å bruke på noko anna.",
        .legendEfficiency: "Effektivisering: frigjord kapasitet, til dømes arbeidstid, rekna om til kroner. Pengane er framleis i budsjettet; 100 % her er ikkje kroner spart.",
        .legendTime: "Tid: frigjorde arbeidstimar.",
        .legendQuality: "Kvalitet: betre nivå på ein indikator, i eininga til indikatoren (ikkje kroner og ikkje med i summane).",
        .roundingNote: "Beløp er avrunda til heile tusen kroner (tkr) og timar til heile timar. Dei eksakte tala står i CSV- og JSON-filene.",
        .doubleCountMark: "⚠ Summen er for høg: {pairs} tel same gevinst to gonger (sjå åtvaringane).", .pairPattern: "{first} og {second}",
        .colUnit: "Måleeining",
        .controlChartNote: "Kontrollgrensene viser kor mykje verdiane varierer av seg sjølve: eit punkt utanfor grensene (▲) eller minst 7 punkt på rad på same sida av sentrallinja (◆) tyder på ei reell endring, ikkje tilfeldig variasjon.",
        .chartLimitsClamped: "Kontrollgrenser: {lower} til {upper} (avgrensa til det indikatoren kan vere)",
        .chartBaseline: "Utgangspunkt for {initiative}: {value}", .baselinePerMonth: "{month} per månad ({quarter} per kvartal)", .chartStart: "Start for {initiative}: {period}",
        .linkUse: "{initiative} ({gain_type}) måler gevinsten sin på denne serien frå {start}, med utgangspunkt {baseline}.",
        .sinceStart: "Sidan start: frå {first} ({first_period}) til {last} ({last_period}), endring {change}[, {assessment}].",
        .longTrend: "Heile perioden {from}–{to}: {trend}[, {assessment}].",
        .orgUnitUnassigned: "utan eining",
        .kindBudgetNotBalanced: "Budsjettet er ikkje i balanse",
        .messageBudgetNotBalanced: "Planen {plan} for {year}[ ({area})] krev innsparing på {requirement}, men dei planlagde budsjettgevinstane er {planned_budget}: det manglar {gap}.",
        .kindStoppedWithPlans: "Avbrote tiltak med planlagde gevinstar",
        .messageStoppedWithPlans: "Tiltak {initiative} er avbrote, men har planlagde budsjettgevinstar frå {year} og utover ({amount}): balansen misser dei.",
        .kindNextYearNotCovered: "Neste år er ikkje dekt",
        .messageNextYearNotCovered: "Planen {plan} krev {requirement} i innsparing i {year}, men dei planlagde budsjettgevinstane er {planned_budget}: det manglar {gap} før budsjettet skal vedtakast.",
        .kindNoMeasurementPlan: "Tiltak utan plan for måling",
        .messageNoMeasurementPlan: "Tiltak {initiative} har planlagde gevinstar i {year}, men verken kopling til ein indikator eller merknad om måling: det er ikkje avklart korleis gevinsten skal målast.",
        .kindDeadlinePassed: "Fristen er passert",
        .messageDeadlinePassed: "Fristen for tiltak {initiative}[ ({deadline})] er passert, men tiltaket står framleis som {status}.",
        .kindRealisingWithoutMeasurement: "Gevinstrealisering utan tal",
        .messageRealisingWithoutMeasurement: "Tiltak {initiative} er i fasen for overføring eller realisering[ ({phase})], men har ingen realisert gevinst enno.",
        .kindPlannedPastNoData: "Planlagd gevinst utan tal",
        .messagePlannedPastNoData: "Tiltak {initiative}[ ({gain_type})] har planlagd gevinst i {count} kvartal utan realisert tal, det første {quarter}.",
        .kindPhaseBehindPlan: "Fasen ligg etter planen",
        .messagePhaseBehindPlan: "Tiltak {initiative} er framleis i fasen {phase}, men gevinstane var planlagde frå {quarter}.",
        .kindNoBaselineMeasurement: "Inga nullpunktsmåling",
        .messageNoBaselineMeasurement: "Koplinga frå tiltak {initiative} til {indicator}[ for {org_unit}][ ({gain_type})] har ingen måling før start {start}: gevinsten har inkje måla utgangspunkt.",
        .kindMissingGainOwner: "Manglar gevinsteigar",
        .messageMissingGainOwner: "Tiltak {initiative} er i fasen {phase}, men ingen leiar i linja er sett som gevinsteigar.",
        .kindClosedWithGap: "Avslutta med avvik",
        .messageClosedWithGap: "Tiltak {initiative} er avslutta eller fullført, men gevinsten[ ({gain_type})] er raud.",
        .kindRedWithoutComment: "Raud gevinst utan kommentar",
        .messageRedWithoutComment: "Gevinsten til tiltak {initiative}[ ({gain_type})] er raud i {quarter}, men har ingen kommentar for kvartalet.",
        .kindCommentAfterAsOf: "Kommentar fram i tid",
        .messageCommentAfterAsOf: "Kommentaren til tiltak {initiative} gjeld {quarter}, som ligg etter vurderingskvartalet {period}; han er ikkje vist.",
        .budgetHeading: "Budsjett i balanse",
        .rejectedRowsBudgetTargets: "rader med innsparingskrav", .rejectedRowsGainComments: "rader med kommentarar", .rejectedRowsGainForecasts: "rader med prognosar",
        .rejectedWhatBudgetTargets: "innsparingskravet", .rejectedWhatGainComments: "kommentarane", .rejectedWhatGainForecasts: "prognosane",
        .kindA3Incomplete: "Ufullstendig A3", .kindActionOverdue: "Endringstiltak over fristen",
        .messageA3Incomplete: "A3-en for tiltak {initiative} manglar tekst i {sections}.",
        .messageActionOverdue: "Endringstiltaket «{action}» i tiltak {initiative}[ ({owner})] hadde frist {deadline}[ og har status {status}].",
        .rejectedRowsActions: "endringstiltak", .rejectedWhatActions: "endringstiltaka på A3-en",
        .fieldAction: "endringstiltak", .fieldOrder: "rekkjefølgje", .fieldA3Date: "A3-dato",
        .budgetIntro: "Dekkjer dei planlagde budsjettgevinstane innsparingskravet i budsjett- og økonomiplanen kvart år? Avbrotne tiltak er ikkje med.",
        .budgetColYear: "År", .budgetColRequirement: "Innsparingskrav", .budgetColPlannedByArea: "Planlagt per område",
        .budgetColPlanned: "Planlagt", .budgetColCoverage: "Dekning", .budgetColForecast: "Prognose", .budgetColGap: "Manglar",
        .budgetColForecastGap: "Manglar etter prognose", .budgetColStatus: "Balanse", .budgetColComment: "Kommentar",
        .budgetBalanced: "I balanse", .budgetNotBalanced: "Ikkje i balanse", .budgetElsewhere: "Andre område",
        .budgetChartCaption: "{plan}: krav, planlagt og prognose per år",
        .budgetChartDescription: "Innsparingskravet i planen {plan} per år som strek, dei planlagde budsjettgevinstane stabla per område og prognosen som ruter.",
        .budgetChartRequirement: "Innsparingskrav", .budgetChartForecast: "Prognose", .budgetCycleHeading: "Årshjulet",
        .budgetCycleNow: "No ({quarter}): {ask}", .budgetCycleYearTwo: "År 2: gjennomføre endringane og realisere gevinstane.",
        .budgetQuarter1: "K1 Skaffe overblikk", .budgetQuarter2: "K2 Gjere djupdykk", .budgetQuarter3: "K3 Velje endringstiltak",
        .budgetQuarter4: "K4 Førebu endring",
        .budgetAsk1: "Skaff overblikk: estimer gevinstpotensialet i tenestene før arbeidet med neste års budsjett tek til.",
        .budgetAsk2: "Gjer djupdykk: rekn ut gevinstane til dei aktuelle tiltaka og før dei inn i gevinstplanen.",
        .budgetAsk3: "Vel endringstiltak: budsjettgevinstane for {next} må dekkje innsparingskravet, så kommunestyret kan vedta ein B+Ø-plan i balanse.",
        .budgetAsk4: "Førebu endringa: kvart tiltak med gevinstar i {next} treng ein gevinsteigar og ein plan for måling (ei gevinstkopling eller ein merknad om måling).",
        .commentBy: "{comment} ({author})", .earlierComments: "Tidlegare kommentarar", .phaseIdentify: "identifisere",
        .phasePlan: "planleggje", .phaseExecute: "gjennomføre", .phaseHandover: "overføre til linja", .phaseRealise: "realisere",
        .phaseClosed: "avslutta", .a3Sheet: "A3", .a3Rationale: "Begrunnelse", .a3CurrentState: "Nåsituasjon og rotårsaker",
        .a3TargetState: "Ønsket situasjon", .a3Actions: "Endringstiltak", .a3Measurement: "Måling",
        .a3AskRationale: "Kvifor skal vi endre? Kva utfordring eller moglegheit svarar tiltaket på, og kvifor no?",
        .a3AskCurrentState: "Korleis er situasjonen i dag, med tal? Kva er dei underliggjande årsakene til problemet?",
        .a3AskTargetState: "Korleis ser det ut når vi har lukkast? Kva gevinstar skal vi hente ut, og når?",
        .a3AskActions: "Kva må vi gjere for å kome dit, kven har ansvaret, og når skal det vere gjort?",
        .a3AskMeasurement: "Kva parametrar må vi måle for å vite om tiltaka verkar?", .actionNotStarted: "ikkje starta",
        .actionInProgress: "pågår", .actionDone: "ferdig", .actionCancelled: "avbrote", .a3Date: "Dato", .a3Version: "Versjon",
        .a3Status: "Status", .a3Phase: "Fase", .a3GainOwner: "Gevinsteigar", .a3Deadline: "Frist", .a3Action: "Tiltak", .a3Responsible: "Ansvar", .a3RootCauses: "Rotårsaker",
        .a3IndicatorChart: "Indikatorar kopla til gevinstane", .a3Baseline: "Utgangsverdi", .a3Latest: "Siste",
        .a3TrendSince: "Trend sidan start", .a3LinkStart: "Start",
        .a3GainsHeading: "Planlagde og realiserte gevinstar, akkumulert", .a3LatestComment: "Siste kommentar",
        .a3CommentPlace: "Ingen kommentar til gevinstane enno.", .a3BackToReport: "Tilbake til rapporten",
        .a3Overdue: "over fristen", .a3SheetsHeading: "A3-ark",
        .a3SheetsIntro: "Eitt A3-ark per tiltak til utskrift, med ferske tal i del 5:",
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
        .colOrgUnit: "Organisasjonsenhet", .colFrequency: "Frekvens", .colLatestPeriod: "Siste periode",
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
        .phaseLabel: "Fase: {phase}", .gainOwnerLabel: "Gevinsteier: {owner}", .baselineDateLabel: "Utgangspunkt målt {date}",
        .handoverDateLabel: "Overført til linjen {date}", .initiativeFindingsHeading: "Funn for tiltaket",
        .initiativeDetailsCapped: "Her står de første {shown} av {total} tiltakene. Tallene for alle står i {file}, funnene i findings.csv.",
        .warnedRowNote: "⚠ Tiltaket har en advarsel: funnene står ved tiltaket under «Planlagt og realisert per tiltak».",
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
        .rejectInvalidDate: "Ikke en gyldig dato", .rejectOutOfRange: "Verdien er utenfor det tillatte området", .rejectDuplicateKey: "Samme nøkkel står tidligere i filen",
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
        .kindPxReadAsUTF8: "PC-Axis-fil lest som UTF-8",
        .messagePxReadAsUTF8: "PC-Axis-filen {file} sier at den er skrevet i {declared}, men teksten er gyldig UTF-8 og er lest som UTF-8.",
        .messageSaftLineWithoutAnalysis: "Linjer uten analyse[ av typen {analysis_type}] i SAF-T-filen {file} er ført under «uten enhet»[ (antall linjer: {count})].",
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
        .freshnessPublished: "Tallene i {file} (kilde {source}) er slik de ble publisert {date}.",
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
        .messageRowsRejected: "{count} {rows}[ for tiltak {initiative}][ for indikator {indicator}] ble avvist ved import[ (fil {file})]: det kan mangle noe i {what}[ for {years}][ for {periods}]. Se rejects.csv.",
        .messageRowRejected: "{count} {rows}[ for tiltak {initiative}][ for indikator {indicator}] ble avvist ved import[ (fil {file})]: det kan mangle noe i {what}[ for {years}][ for {periods}]. Se rejects.csv.",
        .rejectedRowIndicators: "rad i indikatorkatalogen", .rejectedRowInitiatives: "rad i tiltaksregisteret",
        .rejectedRowGainPlans: "planrad", .rejectedRowGainsReported: "rad med rapportert gevinst",
        .rejectedRowGainLinks: "gevinstkobling", .rejectedRowOrgUnits: "enhet", .rejectedRowMeasurements: "måling",
        .rejectedRowBudgetTargets: "rad med innsparingskrav", .rejectedRowGainComments: "rad med kommentar",
        .rejectedRowGainForecasts: "rad med prognose", .rejectedRowActions: "endringstiltak",
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
        .yearHeading: "Året {year}: plan, realisert hittil og prognose",
        .yearIntro: "For hele {year}: hva som er planlagt, hva som er realisert til og med {as_of}, og hva året vil ende på om utviklingen fortsetter (prognose).",
        .yearPlanned: "Plan for året: {amount}", .yearRealised: "Realisert hittil i år: {realised} av {planned} planlagt hittil",
        .yearForecast: "Prognose for året: {amount} ({deviation} mot planen)",
        .yearForecastNote: "Prognosen er regnet ut per tiltak: realisert hittil i år pluss resten av årsplanen ganget med realiseringsgraden hittil i år (med 100 % når ingenting var planlagt hittil). Der økonomi har satt en prognose for tiltaket, gjelder den i stedet: prognosen fra økonomi. Summene er summen av tiltakene i gains_by_year.csv.",
        .colYearPlanned: "Plan for året", .colPlannedYTD: "Planlagt hittil i år", .colRealisedYTD: "Realisert hittil i år",
        .colForecast: "Prognose for året", .colForecastSource: "Grunnlag for prognosen",
        .forecastByFinance: "prognosen fra økonomi", .forecastByRate: "realiseringsgraden hittil i år ({rate})", .forecastAsPlanned: "realisert hittil og resten av planen (ingenting planlagt hittil)",
        .forecastYearDone: "året er ferdig: realisert", .forecastLevel: "ingen (nivå)",
        .colRealisedSource: "Kilde for realisert", .sourceReported: "rapportert av økonomi",
        .sourceDerived: "beregnet fra indikator {indicators}",
        .sourceMixed: "rapportert av økonomi ({reported} kvartal), ellers beregnet fra indikator {indicators} ({derived} kvartal)",
        .sourceNone: "ingen realiserte tall ennå",
        .gainLegendHeading: "Hva gevinsttypene betyr",
        .legendBudget: "Budsjett: penger som er tatt ut av budsjettet (kontantfrigjørende). Bare denne typen gir kroner å bruke på noe annet.",
        .legendEfficiency: "Effektivisering: frigjort kapasitet, for eksempel arbeidstid, regnet om til kroner. Pengene er fortsatt i budsjettet; 100 % her er ikke kroner spart.",
        .legendTime: "Tid: frigjorte arbeidstimer.",
        .legendQuality: "Kvalitet: bedre nivå på en indikator, i indikatorens enhet (ikke kroner og ikke med i summene).",
        .roundingNote: "Beløp er avrundet til hele tusen kroner (tkr) og timer til hele timer. De eksakte tallene står i CSV- og JSON-filene.",
        .doubleCountMark: "⚠ Summen er for høy: {pairs} teller samme gevinst to ganger (se advarslene).", .pairPattern: "{first} og {second}",
        .colUnit: "Måleenhet",
        .controlChartNote: "Kontrollgrensene viser hvor mye verdiene varierer av seg selv: et punkt utenfor grensene (▲) eller minst 7 punkter på rad på samme side av sentrallinjen (◆) tyder på en reell endring, ikke tilfeldig variasjon.",
        .chartLimitsClamped: "Kontrollgrenser: {lower} til {upper} (avgrenset til det indikatoren kan være)",
        .chartBaseline: "Utgangspunkt for {initiative}: {value}", .baselinePerMonth: "{month} per måned ({quarter} per kvartal)", .chartStart: "Start for {initiative}: {period}",
        .linkUse: "{initiative} ({gain_type}) måler gevinsten sin på denne serien fra {start}, med utgangspunkt {baseline}.",
        .sinceStart: "Siden start: fra {first} ({first_period}) til {last} ({last_period}), endring {change}[, {assessment}].",
        .longTrend: "Hele perioden {from}–{to}: {trend}[, {assessment}].",
        .orgUnitUnassigned: "uten enhet",
        .kindBudgetNotBalanced: "Budsjettet er ikke i balanse",
        .messageBudgetNotBalanced: "Planen {plan} for {year}[ ({area})] krever innsparing på {requirement}, men de planlagte budsjettgevinstene er {planned_budget}: det mangler {gap}.",
        .kindStoppedWithPlans: "Avbrutt tiltak med planlagte gevinster",
        .messageStoppedWithPlans: "Tiltak {initiative} er avbrutt, men har planlagte budsjettgevinster fra {year} og utover ({amount}): balansen mister dem.",
        .kindNextYearNotCovered: "Neste år er ikke dekket",
        .messageNextYearNotCovered: "Planen {plan} krever {requirement} i innsparing i {year}, men de planlagte budsjettgevinstene er {planned_budget}: det mangler {gap} før budsjettet skal vedtas.",
        .kindNoMeasurementPlan: "Tiltak uten plan for måling",
        .messageNoMeasurementPlan: "Tiltak {initiative} har planlagte gevinster i {year}, men verken kobling til en indikator eller merknad om måling: det er ikke avklart hvordan gevinsten skal måles.",
        .kindDeadlinePassed: "Fristen er passert",
        .messageDeadlinePassed: "Fristen for tiltak {initiative}[ ({deadline})] er passert, men tiltaket står fortsatt som {status}.",
        .kindRealisingWithoutMeasurement: "Gevinstrealisering uten tall",
        .messageRealisingWithoutMeasurement: "Tiltak {initiative} er i fasen for overføring eller realisering[ ({phase})], men har ingen realisert gevinst ennå.",
        .kindPlannedPastNoData: "Planlagt gevinst uten tall",
        .messagePlannedPastNoData: "Tiltak {initiative}[ ({gain_type})] har planlagt gevinst i {count} kvartaler uten realisert tall, det første {quarter}.",
        .kindPhaseBehindPlan: "Fasen ligger etter planen",
        .messagePhaseBehindPlan: "Tiltak {initiative} er fortsatt i fasen {phase}, men gevinstene var planlagt fra {quarter}.",
        .kindNoBaselineMeasurement: "Ingen nullpunktsmåling",
        .messageNoBaselineMeasurement: "Koblingen fra tiltak {initiative} til {indicator}[ for {org_unit}][ ({gain_type})] har ingen måling før start {start}: gevinsten har ikke noe målt utgangspunkt.",
        .kindMissingGainOwner: "Mangler gevinsteier",
        .messageMissingGainOwner: "Tiltak {initiative} er i fasen {phase}, men ingen leder i linjen er satt som gevinsteier.",
        .kindClosedWithGap: "Avsluttet med avvik",
        .messageClosedWithGap: "Tiltak {initiative} er avsluttet eller fullført, men gevinsten[ ({gain_type})] er rød.",
        .kindRedWithoutComment: "Rød gevinst uten kommentar",
        .messageRedWithoutComment: "Gevinsten til tiltak {initiative}[ ({gain_type})] er rød i {quarter}, men har ingen kommentar for kvartalet.",
        .kindCommentAfterAsOf: "Kommentar frem i tid",
        .messageCommentAfterAsOf: "Kommentaren til tiltak {initiative} gjelder {quarter}, som ligger etter vurderingskvartalet {period}; den er ikke vist.",
        .budgetHeading: "Budsjett i balanse",
        .rejectedRowsBudgetTargets: "rader med innsparingskrav", .rejectedRowsGainComments: "rader med kommentarer", .rejectedRowsGainForecasts: "rader med prognoser",
        .rejectedWhatBudgetTargets: "innsparingskravet", .rejectedWhatGainComments: "kommentarene", .rejectedWhatGainForecasts: "prognosene",
        .kindA3Incomplete: "Ufullstendig A3", .kindActionOverdue: "Endringstiltak over fristen",
        .messageA3Incomplete: "A3-en for tiltak {initiative} mangler tekst i {sections}.",
        .messageActionOverdue: "Endringstiltaket «{action}» i tiltak {initiative}[ ({owner})] hadde frist {deadline}[ og har status {status}].",
        .rejectedRowsActions: "endringstiltak", .rejectedWhatActions: "endringstiltakene på A3-en",
        .fieldAction: "endringstiltak", .fieldOrder: "rekkefølge", .fieldA3Date: "A3-dato",
        .budgetIntro: "Dekker de planlagte budsjettgevinstene innsparingskravet i budsjett- og økonomiplanen hvert år? Avbrutte tiltak er ikke med.",
        .budgetColYear: "År", .budgetColRequirement: "Innsparingskrav", .budgetColPlannedByArea: "Planlagt per område",
        .budgetColPlanned: "Planlagt", .budgetColCoverage: "Dekning", .budgetColForecast: "Prognose", .budgetColGap: "Mangler",
        .budgetColForecastGap: "Mangler etter prognose", .budgetColStatus: "Balanse", .budgetColComment: "Kommentar",
        .budgetBalanced: "I balanse", .budgetNotBalanced: "Ikke i balanse", .budgetElsewhere: "Andre områder",
        .budgetChartCaption: "{plan}: krav, planlagt og prognose per år",
        .budgetChartDescription: "Innsparingskravet i planen {plan} per år som strek, de planlagte budsjettgevinstene stablet per område og prognosen som ruter.",
        .budgetChartRequirement: "Innsparingskrav", .budgetChartForecast: "Prognose", .budgetCycleHeading: "Årshjulet",
        .budgetCycleNow: "Nå ({quarter}): {ask}", .budgetCycleYearTwo: "År 2: gjennomføre endringene og realisere gevinstene.",
        .budgetQuarter1: "K1 Skaffe oversikt", .budgetQuarter2: "K2 Gjøre dypdykk", .budgetQuarter3: "K3 Velge endringstiltak",
        .budgetQuarter4: "K4 Forberede endring",
        .budgetAsk1: "Skaff oversikt: estimer gevinstpotensialet i tjenestene før arbeidet med neste års budsjett begynner.",
        .budgetAsk2: "Gjør dypdykk: regn ut gevinstene til de aktuelle tiltakene og før dem inn i gevinstplanen.",
        .budgetAsk3: "Velg endringstiltak: budsjettgevinstene for {next} må dekke innsparingskravet, så kommunestyret kan vedta en B+Ø-plan i balanse.",
        .budgetAsk4: "Forbered endringen: hvert tiltak med gevinster i {next} trenger en gevinsteier og en plan for måling (en gevinstkobling eller en merknad om måling).",
        .commentBy: "{comment} ({author})", .earlierComments: "Tidligere kommentarer", .phaseIdentify: "identifisere",
        .phasePlan: "planlegge", .phaseExecute: "gjennomføre", .phaseHandover: "overføre til linjen", .phaseRealise: "realisere",
        .phaseClosed: "avsluttet", .a3Sheet: "A3", .a3Rationale: "Begrunnelse", .a3CurrentState: "Nåsituasjon og rotårsaker",
        .a3TargetState: "Ønsket situasjon", .a3Actions: "Endringstiltak", .a3Measurement: "Måling",
        .a3AskRationale: "Hvorfor skal vi endre? Hvilken utfordring eller mulighet svarer tiltaket på, og hvorfor nå?",
        .a3AskCurrentState: "Hvordan er situasjonen i dag, med tall? Hva er de underliggende årsakene til problemet?",
        .a3AskTargetState: "Hvordan ser det ut når vi har lyktes? Hvilke gevinster skal vi hente ut, og når?",
        .a3AskActions: "Hva må vi gjøre for å komme dit, hvem har ansvaret, og når skal det være gjort?",
        .a3AskMeasurement: "Hvilke parametere må vi måle for å vite om tiltakene virker?", .actionNotStarted: "ikke startet",
        .actionInProgress: "pågår", .actionDone: "ferdig", .actionCancelled: "avbrutt", .a3Date: "Dato", .a3Version: "Versjon",
        .a3Status: "Status", .a3Phase: "Fase", .a3GainOwner: "Gevinsteier", .a3Deadline: "Frist", .a3Action: "Tiltak", .a3Responsible: "Ansvar", .a3RootCauses: "Rotårsaker",
        .a3IndicatorChart: "Indikatorer koblet til gevinstene", .a3Baseline: "Utgangsverdi", .a3Latest: "Siste",
        .a3TrendSince: "Trend siden start", .a3LinkStart: "Start",
        .a3GainsHeading: "Planlagte og realiserte gevinster, akkumulert", .a3LatestComment: "Siste kommentar",
        .a3CommentPlace: "Ingen kommentar til gevinstene ennå.", .a3BackToReport: "Tilbake til rapporten",
        .a3Overdue: "over fristen", .a3SheetsHeading: "A3-ark",
        .a3SheetsIntro: "Ett A3-ark per tiltak til utskrift, med ferske tall i del 5:",
    ]) { $1 }

    static let english: [Phrase: String] = [
        .decimalMark: ".", .groupSeparator: ",", .minusSign: "\u{2212}",
        .percentPattern: "{value}%", .thousandsPattern: "NOK\(nbsp){amount}k", .millionsOf: "{unit}, millions",
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
        .colOrgUnit: "Org. unit", .colFrequency: "Frequency", .colLatestPeriod: "Latest period",
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
        .phaseLabel: "Phase: {phase}", .gainOwnerLabel: "Gain owner: {owner}", .baselineDateLabel: "Baseline measured {date}",
        .handoverDateLabel: "Handed over to the line {date}", .initiativeFindingsHeading: "Findings for this initiative",
        .initiativeDetailsCapped: "The first {shown} of {total} initiatives stand here. The figures of all are in {file}, the findings in findings.csv.",
        .warnedRowNote: "⚠ The initiative has a warning: its findings stand beside it under “Planned and realised per initiative”.",
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
        .rejectInvalidDate: "Not a valid date", .rejectOutOfRange: "The value is outside what the field allows", .rejectDuplicateKey: "The same key appears earlier in the file",
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
        .kindPxReadAsUTF8: "PC-Axis file read as UTF-8",
        .messagePxReadAsUTF8: "PC-Axis file {file} declares {declared}, but its text is valid UTF-8 and was read as UTF-8.",
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
        .freshnessPublished: "The figures in {file} (source {source}) are as published on {date}.",
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
        .messageRowsRejected: "{count} {rows}[ for initiative {initiative}][ for indicator {indicator}] were rejected at import[ (file {file})]: {what}[ for {years}][ for {periods}] may be incomplete. See rejects.csv.",
        .messageRowRejected: "{count} {rows}[ for initiative {initiative}][ for indicator {indicator}] was rejected at import[ (file {file})]: {what}[ for {years}][ for {periods}] may be incomplete. See rejects.csv.",
        .rejectedRowIndicators: "indicator catalogue row", .rejectedRowInitiatives: "initiative register row",
        .rejectedRowGainPlans: "plan row", .rejectedRowGainsReported: "reported gain row",
        .rejectedRowGainLinks: "gain link", .rejectedRowOrgUnits: "org unit", .rejectedRowMeasurements: "measurement",
        .rejectedRowBudgetTargets: "savings requirement row", .rejectedRowGainComments: "comment row",
        .rejectedRowGainForecasts: "forecast row", .rejectedRowActions: "action",
        .rejectedRowsIndicators: "indicator catalogue rows", .rejectedRowsInitiatives: "initiative register rows",
        .rejectedRowsGainPlans: "plan rows", .rejectedRowsGainsReported: "reported gain rows",
        .rejectedRowsGainLinks: "gain links", .rejectedRowsOrgUnits: "org units", .rejectedRowsMeasurements: "measurements",
        .rejectedWhatIndicators: "the indicator catalogue", .rejectedWhatInitiatives: "the initiative register",
        .rejectedWhatGainPlans: "the plan", .rejectedWhatGainsReported: "the reported gain",
        .rejectedWhatGainLinks: "the derived gain", .rejectedWhatOrgUnits: "the names of the units", .rejectedWhatMeasurements: "the measurements",
        .unitPercentagePoints: "percentage points", .gainQualityLevel: "Quality (level)",
        .chartPlannedLevel: "Planned level", .chartRealisedLevel: "Realised level",
        .chartQualityLevel: "Planned and realised level ({gain_type}) for {name} per quarter, in {unit}. A level is not added up over quarters.",
        .summaryQualityNote: "Quality gains are levels in the indicator's unit: they are not added up over quarters or initiatives and are not in the totals above.",
        .summaryQualityItem: "{name}: level {realised} against {planned} planned",
        .yearHeading: "The year {year}: plan, realised so far and forecast",
        .yearIntro: "For all of {year}: what is planned, what is realised up to and including {as_of}, and where the year will end if things go on as they have (forecast).",
        .yearPlanned: "Plan for the year: {amount}", .yearRealised: "Realised so far this year: {realised} of {planned} planned so far",
        .yearForecast: "Forecast for the year: {amount} ({deviation} against the plan)",
        .yearForecastNote: "The forecast is computed per initiative: realised so far this year plus the rest of the year's plan times the realisation rate so far this year (at 100 % when nothing was planned so far). Where finance has set a forecast for the initiative, that one applies instead: finance's forecast. The totals add up the initiatives in gains_by_year.csv.",
        .colYearPlanned: "Plan for the year", .colPlannedYTD: "Planned so far this year", .colRealisedYTD: "Realised so far this year",
        .colForecast: "Forecast for the year", .colForecastSource: "Basis of the forecast",
        .forecastByFinance: "finance's forecast", .forecastByRate: "rate so far this year ({rate})", .forecastAsPlanned: "realised so far and the rest of the plan (nothing planned so far)",
        .forecastYearDone: "year complete: realised", .forecastLevel: "none (a level)",
        .colRealisedSource: "Source of realised", .sourceReported: "reported by finance",
        .sourceDerived: "derived from indicator {indicators}",
        .sourceMixed: "reported by finance ({reported} quarters), otherwise derived from indicator {indicators} ({derived} quarters)",
        .sourceNone: "no realised figures yet",
        .gainLegendHeading: "What the gain types mean",
        .legendBudget: "Budget: money taken out of the budget (cash-releasing). Only this type frees kroner to spend on something else.",
        .legendEfficiency: "Efficiency: capacity set free, such as working time, valued in kroner. The money is still in the budget; 100% here is not kroner saved.",
        .legendTime: "Time: working hours set free.",
        .legendQuality: "Quality: a better level of an indicator, in the indicator's unit (not kroner, and in no total).",
        .roundingNote: "Amounts are rounded to whole thousand kroner (NOK …k) and hours to whole hours. The exact figures are in the CSV and JSON files.",
        .doubleCountMark: "⚠ The total is too high: {pairs} count the same gain twice (see the warnings).", .pairPattern: "{first} and {second}",
        .colUnit: "Unit of measure",
        .controlChartNote: "The control limits show how much the values vary by themselves: a point outside the limits (▲) or at least 7 points in a row on one side of the centre line (◆) points to a real change, not chance variation.",
        .chartLimitsClamped: "Control limits: {lower} to {upper} (bounded to what the indicator can take)",
        .chartBaseline: "Baseline of {initiative}: {value}", .baselinePerMonth: "{month} a month ({quarter} a quarter)", .chartStart: "Start of {initiative}: {period}",
        .linkUse: "{initiative} ({gain_type}) measures its gain on this series from {start}, with baseline {baseline}.",
        .sinceStart: "Since the start: from {first} ({first_period}) to {last} ({last_period}), a change of {change}[, {assessment}].",
        .longTrend: "The whole period {from}–{to}: {trend}[, {assessment}].",
        .orgUnitUnassigned: "unassigned",
        .kindBudgetNotBalanced: "The budget is not in balance",
        .messageBudgetNotBalanced: "Plan {plan} requires savings of {requirement} in {year}[ ({area})], but the planned budget gains are {planned_budget}: {gap} is missing.",
        .kindStoppedWithPlans: "Stopped initiative with planned gains",
        .messageStoppedWithPlans: "Initiative {initiative} is stopped but has budget gains planned from {year} on ({amount}): the balance loses them.",
        .kindNextYearNotCovered: "Next year is not covered",
        .messageNextYearNotCovered: "Plan {plan} requires savings of {requirement} in {year}, but the planned budget gains are {planned_budget}: {gap} is missing before the budget is adopted.",
        .kindNoMeasurementPlan: "Initiative without a measurement plan",
        .messageNoMeasurementPlan: "Initiative {initiative} has gains planned in {year} but neither a link to an indicator nor a measurement note: how the gain will be measured is not settled.",
        .kindDeadlinePassed: "Deadline passed",
        .messageDeadlinePassed: "The deadline of initiative {initiative}[ ({deadline})] has passed, but it is still {status}.",
        .kindRealisingWithoutMeasurement: "Realising without figures",
        .messageRealisingWithoutMeasurement: "Initiative {initiative} is being handed over or realising its gains[ ({phase})], but has no realised gain yet.",
        .kindPlannedPastNoData: "Planned gain without figures",
        .messagePlannedPastNoData: "Initiative {initiative}[ ({gain_type})] has planned gains in {count} quarter(s) without a realised figure, the first {quarter}.",
        .kindPhaseBehindPlan: "Phase behind plan",
        .messagePhaseBehindPlan: "Initiative {initiative} is still in phase {phase}, but its gains were planned from {quarter}.",
        .kindNoBaselineMeasurement: "No baseline measurement",
        .messageNoBaselineMeasurement: "The link from initiative {initiative} to {indicator}[ for {org_unit}][ ({gain_type})] has no measurement before its start {start}: the gain has no measured baseline.",
        .kindMissingGainOwner: "No gain owner",
        .messageMissingGainOwner: "Initiative {initiative} is in phase {phase}, but no line manager owns its gains.",
        .kindClosedWithGap: "Closed with a gap",
        .messageClosedWithGap: "Initiative {initiative} is closed or completed, but its gain[ ({gain_type})] is red.",
        .kindRedWithoutComment: "Red gain without a comment",
        .messageRedWithoutComment: "The gain of initiative {initiative}[ ({gain_type})] is red in {quarter} but has no comment for the quarter.",
        .kindCommentAfterAsOf: "Comment ahead of time",
        .messageCommentAfterAsOf: "The comment on initiative {initiative} is for {quarter}, after the quarter assessed ({period}); it is not shown.",
        .budgetHeading: "Budget in balance",
        .rejectedRowsBudgetTargets: "savings requirement rows", .rejectedRowsGainComments: "comment rows", .rejectedRowsGainForecasts: "forecast rows",
        .rejectedWhatBudgetTargets: "the savings requirement", .rejectedWhatGainComments: "the comments", .rejectedWhatGainForecasts: "the forecasts",
        .kindA3Incomplete: "Incomplete A3", .kindActionOverdue: "Action past its deadline",
        .messageA3Incomplete: "The A3 of initiative {initiative} has no text in {sections}.",
        .messageActionOverdue: "The action “{action}” of initiative {initiative}[ ({owner})] was due {deadline}[ and is {status}].",
        .rejectedRowsActions: "actions", .rejectedWhatActions: "the actions on the A3",
        .fieldAction: "action", .fieldOrder: "order", .fieldA3Date: "A3 date",
        .budgetIntro: "Do the planned budget gains cover the savings requirement of the budget and economy plan each year? Stopped initiatives are left out.",
        .budgetColYear: "Year", .budgetColRequirement: "Savings requirement", .budgetColPlannedByArea: "Planned per area",
        .budgetColPlanned: "Planned", .budgetColCoverage: "Coverage", .budgetColForecast: "Forecast", .budgetColGap: "Missing",
        .budgetColForecastGap: "Missing by forecast", .budgetColStatus: "Balance", .budgetColComment: "Comment",
        .budgetBalanced: "Balanced", .budgetNotBalanced: "Not balanced", .budgetElsewhere: "Other areas",
        .budgetChartCaption: "{plan}: requirement, planned and forecast per year",
        .budgetChartDescription: "The savings requirement of plan {plan} per year as a line, the planned budget gains stacked by area and the forecast as a diamond.",
        .budgetChartRequirement: "Savings requirement", .budgetChartForecast: "Forecast", .budgetCycleHeading: "The annual cycle",
        .budgetCycleNow: "Now ({quarter}): {ask}", .budgetCycleYearTwo: "Year 2: carry out the changes and realise the gains.",
        .budgetQuarter1: "Q1 Get an overview", .budgetQuarter2: "Q2 Dig deeper", .budgetQuarter3: "Q3 Choose initiatives",
        .budgetQuarter4: "Q4 Prepare the change",
        .budgetAsk1: "Get an overview: estimate the gain potential in the services before next year's budget work starts.",
        .budgetAsk2: "Dig deeper: calculate the gains of the candidate initiatives and enter them in the gain plan.",
        .budgetAsk3: "Choose initiatives: the budget gains for {next} must cover the savings requirement, so that the council can adopt a balanced plan.",
        .budgetAsk4: "Prepare the change: every initiative with gains in {next} needs a gain owner and a measurement plan (a gain link or a measurement note).",
        .commentBy: "{comment} ({author})", .earlierComments: "Earlier comments", .phaseIdentify: "identify", .phasePlan: "plan",
        .phaseExecute: "execute", .phaseHandover: "hand over", .phaseRealise: "realise", .phaseClosed: "closed", .a3Sheet: "A3",
        .a3Rationale: "Rationale", .a3CurrentState: "Current state and root causes", .a3TargetState: "Target state",
        .a3Actions: "Actions", .a3Measurement: "Measurement",
        .a3AskRationale: "Why change? What challenge or opportunity does the initiative answer, and why now?",
        .a3AskCurrentState: "What is the situation today, in figures? What are the underlying causes of the problem?",
        .a3AskTargetState: "What does success look like? Which gains will we realise, and when?",
        .a3AskActions: "What must we do to get there, who is responsible, and by when?",
        .a3AskMeasurement: "Which parameters must we measure to know whether the initiatives work?",
        .actionNotStarted: "not started", .actionInProgress: "in progress", .actionDone: "done", .actionCancelled: "cancelled",
        .a3Date: "Date", .a3Version: "Version", .a3Status: "Status", .a3Phase: "Phase", .a3GainOwner: "Gain owner", .a3Deadline: "Deadline", .a3Action: "Action",
        .a3Responsible: "Responsible", .a3RootCauses: "Root causes", .a3IndicatorChart: "Indicators linked to the gains",
        .a3Baseline: "Baseline", .a3Latest: "Latest", .a3TrendSince: "Trend since the start", .a3LinkStart: "Start",
        .a3GainsHeading: "Planned and realised gains, cumulative", .a3LatestComment: "Latest comment",
        .a3CommentPlace: "No comment on the gains yet.", .a3BackToReport: "Back to the report", .a3Overdue: "past its deadline",
        .a3SheetsHeading: "A3 sheets", .a3SheetsIntro: "One printable A3 sheet per initiative, with live figures in section 5:",
    ]
}
