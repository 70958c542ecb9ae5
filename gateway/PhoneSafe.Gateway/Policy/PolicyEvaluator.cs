using System.Globalization;
using PhoneSafe.Firmware.Core.Protocol;
using PhoneSafe.Gateway.Model;

namespace PhoneSafe.Gateway.Policy;

/// <summary>
/// The school's phone rules as pure functions: given what happened, who it was, the calendar and the recorded
/// exceptions, which flags to raise. No storage, no clock: everything it needs is passed in.
/// </summary>
public static class PolicyEvaluator
{
    private const string ArrivalTimeNote = " Time placed by arrival at the gateway: the locker's clock was not synchronised.";

    /// <summary>
    /// Evaluates one ledger event.
    /// </summary>
    /// <param name="e">The event.</param>
    /// <param name="actor">Whose badge acted (from <see cref="StoredEvent.Credential"/>), or null when unknown.</param>
    /// <param name="subject">The pupil whose phone it is (from <see cref="StoredEvent.Subject"/>), or null.</param>
    /// <param name="calendar">The school's calendar, or null when none is set up (no time-of-day flags then).</param>
    /// <param name="exceptions">The school's recorded exceptions.</param>
    /// <returns>The flags, possibly none.</returns>
    public static IReadOnlyList<FlagDraft> EvaluateEvent(StoredEvent e, Person? actor, Person? subject, ISchoolCalendar? calendar, IReadOnlyList<PolicyException> exceptions)
    {
        var flags = new List<FlagDraft>();
        string eventKey = "event:" + e.Id.ToString(CultureInfo.InvariantCulture);
        string note = e.TimeSynced ? string.Empty : ArrivalTimeNote;

        if (!e.TimeSynced)
        {
            flags.Add(new FlagDraft(
                FlagKind.TimeUnsynchronised,
                FormattableString.Invariant($"unsync:{e.Locker}:{e.Boot}"),
                null,
                null,
                e.Locker,
                null,
                e.Id,
                e.ReceivedUtc,
                FormattableString.Invariant($"Locker {e.Locker} (boot {e.Boot}) sent events with an unsynchronised clock, first seq {e.Sequence}; the gateway placed them by arrival time.")));
        }

        switch (e.Type)
        {
            case EventType.DoorForced:
                flags.Add(new FlagDraft(
                    FlagKind.DoorForced, eventKey, actor?.PersonId, NullIfEmpty(e.Credential), e.Locker, e.Compartment, e.Id, e.PlacedUtc,
                    FormattableString.Invariant($"Compartment {e.Compartment} of {e.Locker} was opened without being unlocked at {Local(calendar, e.PlacedUtc)}.{note}")));
                break;
            case EventType.DoorLeftOpen:
                flags.Add(new FlagDraft(
                    FlagKind.DoorLeftOpen, eventKey, actor?.PersonId, NullIfEmpty(e.Credential), e.Locker, e.Compartment, e.Id, e.PlacedUtc,
                    FormattableString.Invariant($"Compartment {e.Compartment} of {e.Locker} was left open at {Local(calendar, e.PlacedUtc)}.{note}")));
                break;
            case EventType.Retrieve when calendar is not null && e.HasSubject:
                FlagDraft? release = EvaluateRelease(e, subject, calendar, eventKey, note);
                if (release is not null)
                {
                    flags.Add(release);
                }

                break;
            case EventType.Retrieve when calendar is not null && actor?.Kind != PersonKind.Pupil:
                FlagDraft? retrieve = EvaluateStaffRetrieve(e, actor, calendar, exceptions, eventKey, note);
                if (retrieve is not null)
                {
                    flags.Add(retrieve);
                }

                break;
        }

        return flags;
    }

    /// <summary>
    /// Finds whether a member of staff had no phone deposited when their contact time began on a date.
    /// </summary>
    /// <param name="staff">The member of staff.</param>
    /// <param name="date">School local date.</param>
    /// <param name="calendar">The calendar.</param>
    /// <param name="exceptions">The school's recorded exceptions.</param>
    /// <param name="staffEvents">Deposit and retrieve events made with the member's credentials (any order, any range that includes the start of contact time).</param>
    /// <returns>A summary line, or null when a phone was in a locker then, or the member has no contact time that day.</returns>
    public static NoDepositEntry? EvaluateNoDeposit(Person staff, DateOnly date, ISchoolCalendar calendar, IReadOnlyList<PolicyException> exceptions, IReadOnlyList<StoredEvent> staffEvents)
    {
        IReadOnlyList<TimeWindow> windows = calendar.ContactWindows(date, staff.PersonId);
        if (windows.Count == 0)
        {
            return null;
        }

        DateTimeOffset start = calendar.ToUtc(date, windows[0].Start);
        StoredEvent? last = staffEvents
            .Where(e => !e.HasSubject && (e.Type == EventType.Deposit || e.Type == EventType.Retrieve) && e.PlacedUtc <= start)
            .OrderBy(e => e.PlacedUtc)
            .ThenBy(e => e.Id)
            .LastOrDefault();
        if (last?.Type == EventType.Deposit)
        {
            return null;
        }

        PolicyException? excuse = exceptions.FirstOrDefault(x => x.Covers(ExceptionKind.Trip, staff.PersonId, date))
            ?? exceptions.FirstOrDefault(x => x.Covers(ExceptionKind.SltAgreed, staff.PersonId, date));
        return new NoDepositEntry(staff, windows[0].Start, excuse);
    }

    /// <summary>
    /// Builds a school day's no-deposit summary: one report for the day listing who had no phone deposited when their
    /// contact time began (not one flag per person). It is a report, not a finding: they may not have brought a phone.
    /// </summary>
    /// <param name="date">School local date.</param>
    /// <param name="entries">The day's lines so far (from <see cref="EvaluateNoDeposit"/>).</param>
    /// <param name="staffWithContact">How many members of staff had contact time begin so far that day.</param>
    /// <param name="calendar">The calendar.</param>
    /// <returns>The summary, refreshed as the day goes on; suppressed when every line is covered by an exception; null when nobody is listed.</returns>
    public static FlagDraft? SummariseNoDeposit(DateOnly date, IReadOnlyList<NoDepositEntry> entries, int staffWithContact, ISchoolCalendar calendar)
    {
        if (entries.Count == 0)
        {
            return null;
        }

        List<NoDepositEntry> ordered = [.. entries.OrderBy(e => e.ContactStart).ThenBy(e => e.Staff.PersonId, StringComparer.Ordinal)];
        List<NoDepositEntry> listed = [.. ordered.Where(e => e.Excuse is null)];
        List<NoDepositEntry> excused = [.. ordered.Where(e => e.Excuse is not null)];
        string detail = FormattableString.Invariant($"Daily summary for {date:yyyy-MM-dd}: {listed.Count} of {staffWithContact} staff whose contact time had begun had no deposit recorded by then");
        detail += listed.Count == 0 ? "." : ": " + string.Join("; ", listed.Select(Line)) + ".";
        if (excused.Count > 0)
        {
            detail += " Covered by an exception: " + string.Join("; ", excused.Select(e => FormattableString.Invariant($"{Line(e)} ({e.Excuse!.Kind} #{e.Excuse.Id}: {e.Excuse.Reason})"))) + ".";
        }

        detail += " This is a report, not a finding: they may not have brought a phone.";
        return new FlagDraft(
            FlagKind.NoDepositByContactTime,
            FormattableString.Invariant($"no-deposit:{date:yyyy-MM-dd}"),
            null,
            null,
            null,
            null,
            null,
            calendar.ToUtc(date, ordered[0].ContactStart),
            detail,
            listed.Count == 0 ? excused[0].Excuse!.Id : null,
            Refreshable: true);

        static string Line(NoDepositEntry e) => FormattableString.Invariant($"{e.Staff.DisplayName} ({e.Staff.PersonId}) by {e.ContactStart:HH\\:mm}");
    }

    /// <summary>
    /// Flags a pupil phone still held at the office a set time after home-time on the day it was taken in (or a later
    /// school day): the policy keeps it "until home-time", so someone should find out why nobody collected it.
    /// </summary>
    /// <param name="holding">The phone held now.</param>
    /// <param name="pupil">The pupil, or null when the card is not linked to anyone.</param>
    /// <param name="now">Now.</param>
    /// <param name="calendar">The calendar.</param>
    /// <param name="graceMinutes">Minutes after home-time before the phone counts as not collected.</param>
    /// <returns>A flag (one per intake), or null while it is not yet due.</returns>
    public static FlagDraft? EvaluateNotCollected(OfficeHolding holding, Person? pupil, DateTimeOffset now, ISchoolCalendar calendar, int graceMinutes)
    {
        DateOnly today = calendar.LocalDate(now);
        for (DateOnly day = calendar.LocalDate(holding.SinceUtc); day <= today; day = day.AddDays(1))
        {
            if (calendar.HomeTime(day) is not TimeOnly home)
            {
                continue;
            }

            DateTimeOffset due = calendar.ToUtc(day, home).AddMinutes(graceMinutes);
            if (due < holding.SinceUtc || now < due)
            {
                continue;
            }

            string who = pupil is null ? "an unlinked pupil card" : FormattableString.Invariant($"{pupil.DisplayName} ({pupil.PersonId})");
            return new FlagDraft(
                FlagKind.PupilPhoneNotCollected,
                FormattableString.Invariant($"held:{holding.Locker}:{holding.Sequence}"),
                pupil?.PersonId,
                holding.PupilCredential,
                holding.Locker,
                holding.Compartment,
                null,
                due,
                FormattableString.Invariant($"The phone of {who}, taken in at {Local(calendar, holding.SinceUtc)}, was still held in {holding.Locker} compartment {holding.Compartment} {graceMinutes} min after home-time ({home:HH\\:mm}) on {day:yyyy-MM-dd}: not collected."));
        }

        return null;
    }

    /// <summary>
    /// Flags a locker that is offline during the school day.
    /// </summary>
    /// <param name="locker">Locker identifier.</param>
    /// <param name="status">Its last status word (online or offline), or null when never seen.</param>
    /// <param name="statusUtc">When that status was received, or null.</param>
    /// <param name="now">Now.</param>
    /// <param name="calendar">The calendar.</param>
    /// <returns>A flag (one per offline spell), or null.</returns>
    public static FlagDraft? EvaluateOffline(string locker, string? status, DateTimeOffset? statusUtc, DateTimeOffset now, ISchoolCalendar calendar)
    {
        if (status != "offline" || statusUtc is null)
        {
            return null;
        }

        DateOnly today = calendar.LocalDate(now);
        IReadOnlyList<TimeWindow> windows = calendar.ContactWindows(today, null);
        if (windows.Count == 0)
        {
            return null;
        }

        TimeOnly dayEnd = calendar.HomeTime(today) is TimeOnly home && home > windows[^1].End ? home : windows[^1].End;
        if (now < calendar.ToUtc(today, windows[0].Start) || now >= calendar.ToUtc(today, dayEnd))
        {
            return null;
        }

        return new FlagDraft(
            FlagKind.LockerOffline,
            FormattableString.Invariant($"offline:{locker}:{statusUtc.Value.UtcTicks}"),
            null,
            null,
            locker,
            null,
            null,
            statusUtc.Value,
            FormattableString.Invariant($"Locker {locker} has been offline since {Local(calendar, statusUtc.Value)} and was still offline at {Local(calendar, now)}, during the school day. Its events are kept in its memory and arrive when it reconnects."));
    }

    /// <summary>
    /// Checks a pupil phone intake at the office once its parent-notice deadline has passed.
    /// </summary>
    /// <param name="intake">The deposit event with a subject.</param>
    /// <param name="pupil">The pupil, or null when the subject is not linked to anyone.</param>
    /// <param name="calendar">The calendar.</param>
    /// <param name="exceptions">The school's recorded exceptions (Headteacher consents).</param>
    /// <param name="notices">Parent notices recorded for the pupil.</param>
    /// <param name="noticeHours">Hours after the intake by which parents must have been made aware.</param>
    /// <returns>Flags, possibly none.</returns>
    public static IReadOnlyList<FlagDraft> EvaluateIntake(StoredEvent intake, Person? pupil, ISchoolCalendar calendar, IReadOnlyList<PolicyException> exceptions, IReadOnlyList<ParentNotice> notices, int noticeHours)
    {
        DateOnly date = calendar.LocalDate(intake.PlacedUtc);
        DateTimeOffset dayStart = calendar.ToUtc(date, TimeOnly.MinValue);
        DateTimeOffset deadline = intake.PlacedUtc.AddHours(noticeHours);
        string key = "event:" + intake.Id.ToString(CultureInfo.InvariantCulture);
        string who = pupil is null ? "an unlinked pupil credential" : FormattableString.Invariant($"{pupil.DisplayName} ({pupil.PersonId})");
        PolicyException? consent = pupil is null ? null : exceptions.FirstOrDefault(x => x.Covers(ExceptionKind.HeadteacherConsent, pupil.PersonId, date));
        List<ParentNotice> relevant = pupil is null
            ? []
            : [.. notices.Where(n => n.PupilId == pupil.PersonId && n.NotifiedUtc >= dayStart && n.NotifiedUtc <= deadline)];

        var flags = new List<FlagDraft>();
        if (consent is null && relevant.Any(n => n.ParentRequested))
        {
            flags.Add(new FlagDraft(
                FlagKind.KeepSafeWithoutConsent, key, pupil?.PersonId, intake.Subject, intake.Locker, intake.Compartment, intake.Id, intake.PlacedUtc,
                FormattableString.Invariant($"The office kept the phone of {who} at the parents' request from {Local(calendar, intake.PlacedUtc)} with no Headteacher consent recorded for {date:yyyy-MM-dd}.")));
        }

        if (consent is null && relevant.Count == 0)
        {
            flags.Add(new FlagDraft(
                FlagKind.ParentsNotMadeAware, key, pupil?.PersonId, intake.Subject, intake.Locker, intake.Compartment, intake.Id, intake.PlacedUtc,
                FormattableString.Invariant($"The office took in the phone of {who} at {Local(calendar, intake.PlacedUtc)}; no record that the parents were made aware within {noticeHours} h.")));
        }

        return flags;
    }

    private static FlagDraft? EvaluateRelease(StoredEvent e, Person? subject, ISchoolCalendar calendar, string key, string note)
    {
        DateTime local = calendar.ToLocal(e.PlacedUtc);
        DateOnly date = DateOnly.FromDateTime(local);
        if (calendar.HomeTime(date) is not TimeOnly home || TimeOnly.FromDateTime(local) >= home)
        {
            return null;
        }

        string who = subject is null ? "an unlinked pupil credential" : FormattableString.Invariant($"{subject.DisplayName} ({subject.PersonId})");
        return new FlagDraft(
            FlagKind.PupilReleasedBeforeHomeTime, key, subject?.PersonId, e.Subject, e.Locker, e.Compartment, e.Id, e.PlacedUtc,
            FormattableString.Invariant($"The phone of {who} was released at {local:HH\\:mm}, before home-time {home:HH\\:mm}.{note}"));
    }

    private static FlagDraft? EvaluateStaffRetrieve(StoredEvent e, Person? actor, ISchoolCalendar calendar, IReadOnlyList<PolicyException> exceptions, string key, string note)
    {
        if (calendar.ContactWindowAt(e.PlacedUtc, actor?.PersonId) is not TimeWindow window)
        {
            return null;
        }

        DateTime local = calendar.ToLocal(e.PlacedUtc);
        string who = actor is null ? "An unlinked credential" : FormattableString.Invariant($"{actor.DisplayName} ({actor.PersonId})");
        string whose = actor is not null && calendar is SchoolCalendar school && school.HasTimetable(actor.PersonId) ? "their timetabled lesson" : "contact time";
        var draft = new FlagDraft(
            FlagKind.StaffRetrieveInContactTime, key, actor?.PersonId, NullIfEmpty(e.Credential), e.Locker, e.Compartment, e.Id, e.PlacedUtc,
            FormattableString.Invariant($"{who} retrieved a phone from {e.Locker} compartment {e.Compartment} at {local:HH\\:mm} during {whose} {window.Start:HH\\:mm}–{window.End:HH\\:mm}.{note}"));
        return actor is null ? draft : Suppress(draft, actor.PersonId, DateOnly.FromDateTime(local), exceptions);
    }

    private static FlagDraft Suppress(FlagDraft draft, string personId, DateOnly date, IReadOnlyList<PolicyException> exceptions)
    {
        PolicyException? trip = exceptions.FirstOrDefault(x => x.Covers(ExceptionKind.Trip, personId, date));
        if (trip is not null)
        {
            return draft with { SuppressedBy = trip.Id, Detail = FormattableString.Invariant($"Trip: emergency use only ({trip.Reason}, leader {trip.ApprovedBy}). {draft.Detail}") };
        }

        PolicyException? agreed = exceptions.FirstOrDefault(x => x.Covers(ExceptionKind.SltAgreed, personId, date));
        if (agreed is not null)
        {
            return draft with { SuppressedBy = agreed.Id, Detail = FormattableString.Invariant($"SLT-agreed exception #{agreed.Id} (approved by {agreed.ApprovedBy}: {agreed.Reason}). {draft.Detail}") };
        }

        return draft;
    }

    private static string Local(ISchoolCalendar? calendar, DateTimeOffset instant) =>
        calendar is null
            ? instant.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)
            : calendar.ToLocal(instant).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static string? NullIfEmpty(string value) => string.IsNullOrEmpty(value) ? null : value;
}
