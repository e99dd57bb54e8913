import GevinstCore

/// The sections of KS's A3 sheet, in the order the sheet numbers them.
enum A3Section: Int, CaseIterable {
    case rationale = 1, currentState, targetState, actions, measurement

    /// The sections an `a3_incomplete` finding may name (the text sections).
    static let checked: [A3Section] = [.rationale, .currentState, .targetState, .measurement]
}

/// The words of the A3 sheet in the report's language: the template's section titles and
/// guiding questions, the labels of the header and the action table, and the action statuses.
struct A3Words {
    let language: ReportLanguage

    init(_ language: ReportLanguage) { self.language = language }

    private var nynorsk: Bool { language == .nn }
    private var english: Bool { language == .en }

    /// The section's title as the template writes it, with its number (`2. Nåsituasjon og rotårsaker`).
    func title(_ section: A3Section) -> String {
        "\(section.rawValue). " + name(section)
    }

    /// The section's name without its number.
    func name(_ section: A3Section) -> String {
        switch section {
        case .rationale: english ? "Rationale" : "Begrunnelse"
        case .currentState: english ? "Current state and root causes" : "Nåsituasjon og rotårsaker"
        case .targetState: english ? "Target state" : "Ønsket situasjon"
        case .actions: english ? "Actions" : "Endringstiltak"
        case .measurement: english ? "Measurement" : "Måling"
        }
    }

    /// The template's guiding question, shown small under the title and, greyed, in an empty section.
    func question(_ section: A3Section) -> String {
        switch (section, language) {
        case (.rationale, .nn): "Kvifor skal vi endre? Kva utfordring eller moglegheit svarar tiltaket på, og kvifor no?"
        case (.rationale, .nb): "Hvorfor skal vi endre? Hvilken utfordring eller mulighet svarer tiltaket på, og hvorfor nå?"
        case (.rationale, .en): "Why change? What challenge or opportunity does the initiative answer, and why now?"
        case (.currentState, .nn): "Korleis er situasjonen i dag, med tal? Kva er dei underliggjande årsakene til problemet?"
        case (.currentState, .nb): "Hvordan er situasjonen i dag, med tall? Hva er de underliggende årsakene til problemet?"
        case (.currentState, .en): "What is the situation today, in figures? What are the underlying causes of the problem?"
        case (.targetState, .nn): "Korleis ser det ut når vi har lukkast? Kva gevinstar skal vi hente ut, og når?"
        case (.targetState, .nb): "Hvordan ser det ut når vi har lyktes? Hvilke gevinster skal vi hente ut, og når?"
        case (.targetState, .en): "What does success look like? Which gains will we realise, and when?"
        case (.actions, .nn): "Kva må vi gjere for å kome dit, kven har ansvaret, og når skal det vere gjort?"
        case (.actions, .nb): "Hva må vi gjøre for å komme dit, hvem har ansvaret, og når skal det være gjort?"
        case (.actions, .en): "What must we do to get there, who is responsible, and by when?"
        case (.measurement, .nn): "Kva parametrar må vi måle for å vite om tiltaka verkar?"
        case (.measurement, .nb): "Hvilke parametere må vi måle for å vite om tiltakene virker?"
        case (.measurement, .en): "Which parameters must we measure to know whether the initiatives work?"
        }
    }

    /// The sections an `a3_incomplete` finding names (`1,5`), as `1. Begrunnelse, 5. Måling`.
    func sectionList(_ numbers: String) -> String {
        numbers.split(separator: ",").map { number in
            Int(number).flatMap(A3Section.init(rawValue:)).map(title) ?? String(number)
        }.joined(separator: ", ")
    }

    func status(_ status: ActionStatus) -> String {
        switch (status, language) {
        case (.notStarted, .nn): "ikkje starta"
        case (.notStarted, .nb): "ikke startet"
        case (.notStarted, .en): "not started"
        case (.inProgress, .en): "in progress"
        case (.inProgress, _): "pågår"
        case (.done, .en): "done"
        case (.done, _): "ferdig"
        case (.cancelled, .nn): "avbrote"
        case (.cancelled, .nb): "avbrutt"
        case (.cancelled, .en): "cancelled"
        }
    }

    enum Label {
        case sheet, date, version, owner, area, status, deadline, action, responsible, rootCauses
        case indicatorChart, baseline, target, latest, trendSince, gainsHeading, latestComment, commentPlace
        case backToReport, overdue, sheetsHeading, sheetsIntro, linkStart
    }

    subscript(_ label: Label) -> String {
        switch label {
        case .sheet: "A3"
        case .date: english ? "Date" : "Dato"
        case .version: english ? "Version" : "Versjon"
        case .owner: english ? "Owner" : nynorsk ? "Ansvarleg" : "Ansvarlig"
        case .area: english ? "Area" : "Område"
        case .status: "Status"
        case .deadline: english ? "Deadline" : "Frist"
        case .action: english ? "Action" : "Tiltak"
        case .responsible: english ? "Responsible" : "Ansvar"
        case .rootCauses: english ? "Root causes" : "Rotårsaker"
        case .indicatorChart: english ? "Indicators linked to the gains" : nynorsk ? "Indikatorar kopla til gevinstane" : "Indikatorer koblet til gevinstene"
        case .baseline: english ? "Baseline" : "Utgangsverdi"
        case .target: english ? "Target" : "Mål"
        case .latest: english ? "Latest" : "Siste"
        case .trendSince: english ? "Trend since the start" : nynorsk ? "Trend sidan start" : "Trend siden start"
        case .linkStart: "Start"
        case .gainsHeading: english ? "Planned and realised gains, cumulative" : nynorsk ? "Planlagde og realiserte gevinstar, akkumulert" : "Planlagte og realiserte gevinster, akkumulert"
        case .latestComment: english ? "Latest comment" : "Siste kommentar"
        case .commentPlace: english ? "No comment on the gains yet." : nynorsk ? "Ingen kommentar til gevinstane enno." : "Ingen kommentar til gevinstene ennå."
        case .backToReport: english ? "Back to the report" : "Tilbake til rapporten"
        case .overdue: english ? "past its deadline" : "over fristen"
        case .sheetsHeading: english ? "A3 sheets" : "A3-ark"
        case .sheetsIntro: english ? "One printable A3 sheet per initiative, with live figures in section 5:"
            : nynorsk ? "Eitt A3-ark per tiltak til utskrift, med ferske tal i del 5:" : "Ett A3-ark per tiltak til utskrift, med ferske tall i del 5:"
        }
    }
}
