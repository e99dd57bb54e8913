/// Why a row was rejected, as a stable code. The importer stores it in `rejects.kind` beside its
/// English sentence (`rejects.reason`), so that a report can say the reason in its own language.
public enum RejectKind: String, CaseIterable, Sendable {
    /// A CSV row with more or fewer fields than the header.
    case fieldCount = "field_count"
    /// A field holding a NUL byte.
    case nulByte = "nul_byte"
    /// A required field that is empty or absent.
    case requiredEmpty = "required_empty"
    /// A value outside a field's vocabulary (polarity, status, gain type, …).
    case unknownName = "unknown_name"
    /// Text that is no period.
    case invalidPeriod = "invalid_period"
    /// A period of a kind the field does not take (a month where a quarter is needed).
    case periodKind = "period_kind"
    /// A measurement coarser than its indicator's frequency.
    case coarserThanFrequency = "coarser_than_frequency"
    /// Text that is no number under the source's decimal mark.
    case invalidNumber = "invalid_number"
    /// A number whose magnitude exceeds 10^15.
    case numberTooLarge = "number_too_large"
    /// A fixed-width record (KOSTRA) whose length is not the format's.
    case lineLength = "line_length"
    /// A KOSTRA kontoklasse the file's form does not allow.
    case accountClass = "account_class"
    /// An amount with more digits than the øre can hold.
    case amountTooLarge = "amount_too_large"
    /// Text that is no date.
    case invalidDate = "invalid_date"
    /// A number or year outside what its field allows (a negative budget target, a year outside
    /// the plan's years).
    case outOfRange = "out_of_range"
    /// A register key seen earlier in the same file.
    case duplicateKey = "duplicate_key"
    /// An org unit's code or alias that another unit already has, or a unit its own parent (`org_units`).
    case orgUnitConflict = "org_unit_conflict"
    /// A measurement key seen earlier in the same file with another value.
    case conflictingValue = "conflicting_value"
}
