using PhoneSafe.Firmware.Core.Protocol;
using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Policy;

namespace PhoneSafe.Gateway.Tests.Policy;

public sealed class PolicyEvaluatorTests
{
    private const string School = "eval-school";
    private static readonly string s_staffCredential = new('c', 32);
    private static readonly string s_pupilCredential = new('d', 32);
    private static readonly Person s_staff = new(School, "S1", PersonKind.Staff, "Ms Staff");
    private static readonly Person s_teacher = new(School, "T1", PersonKind.Staff, "Mr Teacher");
    private static readonly Person s_pupil = new(School, "P1", PersonKind.Pupil, "Pupil One");
    private static readonly DateTimeOffset s_recorded = TestCalendar.Utc("2026-09-01T00:00:00Z");

    [Theory]
    [InlineData("2026-11-25T10:00:00Z", true)] // Wednesday, 10:00 GMT
    [InlineData("2026-11-25T08:30:00Z", false)] // before contact time
    [InlineData("2026-11-25T12:30:00Z", false)] // lunch
    [InlineData("2026-11-25T15:15:00Z", false)] // end is exclusive
    [InlineData("2026-11-28T10:00:00Z", false)] // Saturday
    [InlineData("2026-09-02T10:00:00Z", false)] // INSET day
    [InlineData("2026-10-27T10:00:00Z", false)] // half term
    [InlineData("2027-03-26T10:00:00Z", false)] // Good Friday
    [InlineData("2026-12-22T10:00:00Z", false)] // Christmas holidays
    [InlineData("2026-10-23T07:50:00Z", true)] // 08:50 BST
    [InlineData("2026-11-02T07:50:00Z", false)] // 07:50 GMT
    public void EvaluateEvent_StaffRetrieve_FlaggedOnlyInContactTime(string utc, bool flagged)
    {
        IReadOnlyList<FlagDraft> flags = EvaluateEvent(Event(EventType.Retrieve, utc), s_staff, null, []);

        Assert.Equal(flagged, flags.Any(f => f.Kind == FlagKind.StaffRetrieveInContactTime && f.Status == FlagStatus.Open));
    }

    [Theory]
    [InlineData("2026-11-25T10:15:00Z", false)] // T1's free period
    [InlineData("2026-11-25T11:15:00Z", true)] // T1 teaching P3
    public void EvaluateEvent_StaffRetrieveWithTimetable_FreePeriodIsNotFlagged(string utc, bool flagged)
    {
        IReadOnlyList<FlagDraft> flags = EvaluateEvent(Event(EventType.Retrieve, utc), s_teacher, null, []);

        Assert.Equal(flagged, flags.Any(f => f.Kind == FlagKind.StaffRetrieveInContactTime));
    }

    [Theory]
    [InlineData(ExceptionKind.SltAgreed, "2026-11-25", "2026-11-25", FlagStatus.Suppressed, "SLT-agreed exception #7")]
    [InlineData(ExceptionKind.Trip, "2026-11-24", "2026-11-26", FlagStatus.Suppressed, "Trip: emergency use only")]
    [InlineData(ExceptionKind.SltAgreed, "2026-11-26", "2026-11-30", FlagStatus.Open, "S1")]
    [InlineData(ExceptionKind.HeadteacherConsent, "2026-11-25", "2026-11-25", FlagStatus.Open, "S1")]
    public void EvaluateEvent_StaffRetrieveWithException_SuppressedButKept(string kind, string from, string to, string status, string detail)
    {
        PolicyException exception = Exception(kind, "S1", from, to);

        FlagDraft flag = Assert.Single(EvaluateEvent(Event(EventType.Retrieve, "2026-11-25T10:00:00Z"), s_staff, null, [exception]));

        Assert.Equal(FlagKind.StaffRetrieveInContactTime, flag.Kind);
        Assert.Equal(status, flag.Status);
        Assert.Contains(detail, flag.Detail, StringComparison.Ordinal);
        Assert.Equal(status == FlagStatus.Suppressed ? exception.Id : null, flag.SuppressedBy);
    }

    [Theory]
    [InlineData("2026-11-25T11:00:00Z", true)] // 11:00, before home-time 15:15
    [InlineData("2026-11-25T15:15:00Z", false)]
    [InlineData("2026-11-25T16:00:00Z", false)]
    [InlineData("2026-06-25T14:30:00Z", false)] // not a school day (summer holiday 2026)
    [InlineData("2027-06-24T13:30:00Z", true)] // 14:30 BST, before home-time
    [InlineData("2027-06-24T14:30:00Z", false)] // 15:30 BST, after home-time
    public void EvaluateEvent_PupilRelease_FlaggedBeforeHomeTime(string utc, bool flagged)
    {
        IReadOnlyList<FlagDraft> flags = EvaluateEvent(Event(EventType.Retrieve, utc, subject: s_pupilCredential), s_staff, s_pupil, []);

        Assert.Equal(flagged, flags.Any(f => f.Kind == FlagKind.PupilReleasedBeforeHomeTime && f.PersonId == "P1"));
        Assert.DoesNotContain(flags, f => f.Kind == FlagKind.StaffRetrieveInContactTime);
    }

    [Theory]
    [InlineData(EventType.DoorForced, FlagKind.DoorForced)]
    [InlineData(EventType.DoorLeftOpen, FlagKind.DoorLeftOpen)]
    public void EvaluateEvent_DoorEvents_AlwaysFlagged_EvenWithoutCalendar(string type, string kind)
    {
        FlagDraft flag = Assert.Single(PolicyEvaluator.EvaluateEvent(Event(type, "2026-11-28T02:00:00Z"), null, null, null, []));

        Assert.Equal(kind, flag.Kind);
        Assert.Equal("lk-1", flag.Locker);
        Assert.Equal(3, flag.Compartment);
    }

    [Fact]
    public void EvaluateEvent_UnsynchronisedClock_FlagsOncePerBootAndPlacesByArrival()
    {
        StoredEvent e = Event(EventType.Retrieve, "2000-01-01T00:00:00Z", synced: false, received: "2026-11-25T10:00:00Z");

        IReadOnlyList<FlagDraft> flags = EvaluateEvent(e, s_staff, null, []);

        FlagDraft unsync = Assert.Single(flags, f => f.Kind == FlagKind.TimeUnsynchronised);
        Assert.Equal("unsync:lk-1:2", unsync.DedupeKey);
        FlagDraft retrieve = Assert.Single(flags, f => f.Kind == FlagKind.StaffRetrieveInContactTime);
        Assert.Contains("placed by arrival", retrieve.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void EvaluateEvent_NoCalendar_RaisesNoContactTimeFlags()
    {
        Assert.Empty(PolicyEvaluator.EvaluateEvent(Event(EventType.Retrieve, "2026-11-25T10:00:00Z"), s_staff, null, null, []));
    }

    [Theory]
    [InlineData(null, "2026-11-25", true)] // nothing deposited
    [InlineData("deposit@2026-11-25T08:30:00Z", "2026-11-25", false)]
    [InlineData("deposit@2026-11-24T16:00:00Z", "2026-11-25", false)] // left in the locker overnight
    [InlineData("deposit@2026-11-25T08:00:00Z,retrieve@2026-11-25T08:20:00Z", "2026-11-25", true)]
    [InlineData("deposit@2026-11-25T09:00:00Z", "2026-11-25", true)] // deposited late: reported
    [InlineData(null, "2026-11-28", false)] // Saturday
    [InlineData("deposit@2026-10-23T07:40:00Z", "2026-10-23", false)] // 08:40 BST, before 08:45
    [InlineData("deposit@2026-10-23T07:50:00Z", "2026-10-23", true)] // 08:50 BST, after 08:45
    public void EvaluateNoDeposit_Cases(string? events, string date, bool reported)
    {
        List<StoredEvent> own = [.. (events ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries).Select((s, i) => Event(s.Split('@')[0], s.Split('@')[1], id: i + 1))];

        NoDepositEntry? entry = PolicyEvaluator.EvaluateNoDeposit(s_staff, DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), TestCalendar.Create(), [], own);

        Assert.Equal(reported, entry is not null);
    }

    [Fact]
    public void SummariseNoDeposit_ListsEveryoneInOneReport_ExcusedApart()
    {
        var date = new DateOnly(2026, 11, 25);
        PolicyException trip = Exception(ExceptionKind.Trip, "T1", "2026-11-25", "2026-11-25");
        NoDepositEntry[] entries = [new(s_staff, new TimeOnly(8, 45), null), new(s_teacher, new TimeOnly(8, 45), trip)];

        FlagDraft summary = PolicyEvaluator.SummariseNoDeposit(date, entries, 12, TestCalendar.Create())!;
        FlagDraft allExcused = PolicyEvaluator.SummariseNoDeposit(date, [entries[1]], 12, TestCalendar.Create())!;

        Assert.Equal(("no-deposit:2026-11-25", FlagStatus.Open, null), (summary.DedupeKey, summary.Status, summary.PersonId));
        Assert.StartsWith("Daily summary for 2026-11-25: 1 of 12 staff", summary.Detail, StringComparison.Ordinal);
        Assert.Contains("Covered by an exception: " + s_teacher.DisplayName, summary.Detail, StringComparison.Ordinal);
        Assert.True(summary.Refreshable);
        Assert.Equal(FlagStatus.Suppressed, allExcused.Status);
        Assert.Null(PolicyEvaluator.SummariseNoDeposit(date, [], 12, TestCalendar.Create()));
    }

    [Theory]
    [InlineData("2026-11-25T09:00:00Z", "2026-11-25T16:14:00Z", false)] // home-time 15:15 + 60 min not reached
    [InlineData("2026-11-25T09:00:00Z", "2026-11-25T16:15:00Z", true)]
    [InlineData("2026-11-25T16:30:00Z", "2026-11-25T18:00:00Z", false)] // taken in after home-time: due the next school day
    [InlineData("2026-11-25T16:30:00Z", "2026-11-26T16:15:00Z", true)]
    [InlineData("2026-11-27T16:30:00Z", "2026-11-29T18:00:00Z", false)] // Friday evening: the weekend does not count
    public void EvaluateNotCollected_Cases(string since, string now, bool flagged)
    {
        var held = new OfficeHolding("office", 3, "cred", "office-cred", TestCalendar.Utc(since), 42);

        FlagDraft? flag = PolicyEvaluator.EvaluateNotCollected(held, null, TestCalendar.Utc(now), TestCalendar.Create(), 60);

        Assert.Equal(flagged, flag is not null);
        Assert.Equal(flagged ? "held:office:42" : null, flag?.DedupeKey);
    }

    [Fact]
    public void EvaluateNoDeposit_TimetabledTeacher_UsesFirstLesson_AndTripExcuses()
    {
        PolicyException trip = Exception(ExceptionKind.Trip, "T1", "2026-11-25", "2026-11-25");

        NoDepositEntry? report = PolicyEvaluator.EvaluateNoDeposit(s_teacher, new DateOnly(2026, 11, 25), TestCalendar.Create(), [trip], []);
        NoDepositEntry? thursday = PolicyEvaluator.EvaluateNoDeposit(s_teacher, new DateOnly(2026, 11, 26), TestCalendar.Create(), [], []);

        Assert.Equal(trip, report!.Excuse);
        Assert.Null(thursday);
    }

    [Theory]
    [InlineData("offline", "2026-11-25T10:00:00Z", true)]
    [InlineData("offline", "2026-11-25T07:00:00Z", false)] // before the school day
    [InlineData("offline", "2026-11-25T15:10:00Z", true)] // still before home-time
    [InlineData("offline", "2026-11-25T17:00:00Z", false)]
    [InlineData("offline", "2026-11-28T10:00:00Z", false)] // Saturday
    [InlineData("online", "2026-11-25T10:00:00Z", false)]
    public void EvaluateOffline_Cases(string status, string now, bool flagged)
    {
        FlagDraft? flag = PolicyEvaluator.EvaluateOffline("lk-1", status, TestCalendar.Utc("2026-11-24T20:00:00Z"), TestCalendar.Utc(now), TestCalendar.Create());

        Assert.Equal(flagged, flag is not null);
    }

    [Theory]
    [InlineData(false, null, false, FlagKind.ParentsNotMadeAware)] // nobody told
    [InlineData(false, "2026-11-25T10:30:00Z", false, null)] // told within 2 h
    [InlineData(false, "2026-11-25T13:00:00Z", false, FlagKind.ParentsNotMadeAware)] // told too late
    [InlineData(false, "2026-11-25T10:30:00Z", true, FlagKind.KeepSafeWithoutConsent)] // parents asked, no consent
    [InlineData(true, "2026-11-25T10:30:00Z", true, null)] // parents asked, Headteacher consented
    [InlineData(true, null, false, null)] // consent on record: the parents asked
    public void EvaluateIntake_Cases(bool consent, string? notified, bool parentRequested, string? expectedKind)
    {
        StoredEvent intake = Event(EventType.Deposit, "2026-11-25T10:00:00Z", subject: s_pupilCredential);
        List<PolicyException> exceptions = consent ? [Exception(ExceptionKind.HeadteacherConsent, "P1", "2026-11-25", "2026-11-27")] : [];
        List<ParentNotice> notices = notified is null ? [] : [new ParentNotice(1, School, "P1", TestCalendar.Utc(notified), "Office", "phone", parentRequested, null, s_recorded)];

        IReadOnlyList<FlagDraft> flags = PolicyEvaluator.EvaluateIntake(intake, s_pupil, TestCalendar.Create(), exceptions, notices, 2);

        Assert.Equal(expectedKind, flags.SingleOrDefault()?.Kind);
    }

    private static IReadOnlyList<FlagDraft> EvaluateEvent(StoredEvent e, Person? actor, Person? subject, IReadOnlyList<PolicyException> exceptions) =>
        PolicyEvaluator.EvaluateEvent(e, actor, subject, TestCalendar.Create(), exceptions);

    private static StoredEvent Event(string type, string utc, string? subject = null, bool synced = true, string? received = null, long id = 1) =>
        new(id, School, "lk-1", 2, id, type, 3, s_staffCredential, subject ?? string.Empty, TestCalendar.Utc(utc), synced, TestCalendar.Utc(received ?? utc), ClockSetBack: false);

    private static PolicyException Exception(string kind, string person, string from, string to) =>
        new(7, School, kind, person, DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture), "Mrs Head", "reason", "office", s_recorded);
}
