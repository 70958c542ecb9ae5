using PhoneSafe.Gateway.Policy;

namespace PhoneSafe.Gateway.Model;

/// <summary>
/// Everything PhoneSafe holds about one person, for a subject access request (UK GDPR Article 15).
/// </summary>
/// <param name="School">School identifier.</param>
/// <param name="PersonId">The person's MIS code.</param>
/// <param name="GeneratedUtc">When the export was made.</param>
/// <param name="Person">Their record (name, kind, department or group), or null when it has been removed.</param>
/// <param name="Credentials">Their cards: keyed hashes only (PhoneSafe never stores card numbers).</param>
/// <param name="Events">Ledger events made with their cards, or about their phone (pupil subject at the office).</param>
/// <param name="CustodySessions">Their phone's stays in lockers, derived from those events.</param>
/// <param name="PupilPhoneRecords">Office intake and release records kept after their ledger events were purged.</param>
/// <param name="Flags">Policy flags about them, each with its review history.</param>
/// <param name="Exceptions">Exceptions naming them (SLT-agreed, trips, Headteacher consents).</param>
/// <param name="ParentNotices">Parent notices recorded for them (pupils).</param>
/// <param name="Timetable">Their imported timetable (staff).</param>
/// <param name="Compartments">Compartments reserved for them.</param>
/// <param name="Accounts">Dashboard accounts linked to them.</param>
/// <param name="Audit">Audit lines recording views and exports of their record.</param>
public sealed record SubjectAccessExport(
    string School,
    string PersonId,
    DateTimeOffset GeneratedUtc,
    Person? Person,
    IReadOnlyList<CredentialInfo> Credentials,
    IReadOnlyList<StoredEvent> Events,
    IReadOnlyList<CustodySession> CustodySessions,
    IReadOnlyList<PupilPhoneRecord> PupilPhoneRecords,
    IReadOnlyList<FlagWithHistory> Flags,
    IReadOnlyList<PolicyException> Exceptions,
    IReadOnlyList<ParentNotice> ParentNotices,
    IReadOnlyList<TimetableEntry> Timetable,
    IReadOnlyList<CompartmentAssignment> Compartments,
    IReadOnlyList<GatewayUser> Accounts,
    IReadOnlyList<AuditEntry> Audit);
