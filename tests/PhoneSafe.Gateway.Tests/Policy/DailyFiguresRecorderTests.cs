using PhoneSafe.Firmware.Core.Protocol;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Policy;
using PhoneSafe.Gateway.Tests.Support;

namespace PhoneSafe.Gateway.Tests.Policy;

/// <summary>The daily figures over a real ledger on a real database, once per provider: they outlive the purge.</summary>
public abstract class DailyFiguresRecorderTests(TestStorage storage) : PeopleLedgerTestBase(storage)
{
    // Spring term 2026 with the default weekday timings (08:45–15:15, Europe/London = UTC in January).
    private static readonly CalendarDefinition Calendar = new(
        CalendarDefinition.DefaultTimeZoneId,
        [new Term("Spring", new DateOnly(2026, 1, 5), new DateOnly(2026, 3, 27))],
        [],
        CalendarDefinition.DefaultDays,
        CalendarDefinition.DefaultParentNoticeHours);

    [Fact]
    public async Task Record_ThenPurgeAfterRetention_FiguresOutliveTheEvents()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await Db.Calendars.SaveAsync(School, Calendar, ct);
        await Ledger.CommitAsync(EventType.Deposit, Day(5, 8), StaffCredential);
        await Ledger.CommitAsync(EventType.Retrieve, Day(5, 16), StaffCredential);
        await Ledger.CommitAsync(EventType.Deposit, Day(5, 10), OfficeCredential, PupilCredential, compartment: 2);
        await Ledger.CommitAsync(EventType.Retrieve, Day(5, 15), OfficeCredential, PupilCredential, compartment: 2);
        await Db.Flags.CommitAsync([(School, new FlagDraft(FlagKind.DoorForced, "a", null, null, "lk-1", 1, 1, Day(5, 11), "a"))], [], [], null, ct);
        long flag = (await Db.Flags.ListAsync(School, new FlagFilter(), ct)).Single().Id;
        await Db.Flags.ReviewAsync(School, [flag], FlagStatus.Resolved, FlagResolution.Breach, "seen", "slt", ct);
        await Db.Exceptions.AddAsync(School, ExceptionKind.Trip, ["T1", "O1"], new DateOnly(2026, 1, 6), new DateOnly(2026, 1, 6), "Head", "museum", "slt", ct);
        Time.SetUtcNow(Day(7, 9));

        Assert.Equal(2, await CreateSut().RecordAsync(ct));

        Time.SetUtcNow(Day(5) + TimeSpan.FromDays(130));
        await Ledger.CommitAsync(EventType.DoorForced, Time.GetUtcNow(), string.Empty);
        await CreateSut().RecordAsync(ct);
        await Db.Retention.PurgeAsync(dryRun: false, ct);
        Assert.Equal(["1"], await Db.QueryAsync("SELECT count(*) FROM events"));
        await CreateSut().RecordAsync(ct);

        List<DailyFigure> figures = await Db.Figures.ReadAsync(School, new DateOnly(2026, 1, 5), new DateOnly(2026, 1, 6), ct);
        long Figure(int day, string measure, string kind = "", string outcome = "") =>
            figures.Where(f => f.Day == new DateOnly(2026, 1, day) && f.Measure == measure && f.Kind == kind && f.Outcome == outcome).Sum(f => f.Value);
        Assert.Equal((2L, 1L, 1L), (Figure(5, DailyFigure.StaffExpected), Figure(5, DailyFigure.StaffDeposited), Figure(5, DailyFigure.PupilPhonesHeld)));
        Assert.Equal((2L, 0L, 0L), (Figure(6, DailyFigure.StaffExpected), Figure(6, DailyFigure.StaffDeposited), Figure(6, DailyFigure.PupilPhonesHeld)));
        Assert.Equal(1L, Figure(5, DailyFigure.Flags, FlagKind.DoorForced, FlagResolution.Breach));
        Assert.Equal(2L, Figure(6, DailyFigure.Exceptions, ExceptionKind.Trip));
        Assert.DoesNotContain(figures, f => f.Kind.Contains('T') || f.Outcome.Contains("T1", StringComparison.Ordinal));

        ComplianceBucket total = ComplianceCalculator.Group(ComplianceCalculator.DailyTotals(figures, []), _ => "total").Single();
        Assert.Equal((4, 1), (total.InContact, total.Deposited));
    }

    [Fact]
    public async Task Record_FlagReviewedWithinTheRefreshDays_OutcomeCountedAgain()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await Db.Calendars.SaveAsync(School, Calendar, ct);
        await Ledger.CommitAsync(EventType.DoorForced, Day(5, 11), string.Empty);
        await Db.Flags.CommitAsync([(School, new FlagDraft(FlagKind.DoorForced, "a", null, null, "lk-1", 1, 1, Day(5, 11), "a"))], [], [], null, ct);
        Time.SetUtcNow(Day(6, 9));
        await CreateSut().RecordAsync(ct);
        long flag = (await Db.Flags.ListAsync(School, new FlagFilter(), ct)).Single().Id;
        await Db.Flags.ReviewAsync(School, [flag], FlagStatus.Resolved, FlagResolution.FalseAlarm, "cleaner", "slt", ct);
        Time.SetUtcNow(Day(20, 9));

        await CreateSut().RecordAsync(ct);

        DailyFigure counted = Assert.Single(await Db.Figures.ReadAsync(School, new DateOnly(2026, 1, 5), new DateOnly(2026, 1, 5), ct), f => f.Measure == DailyFigure.Flags);
        Assert.Equal((FlagResolution.FalseAlarm, 1L), (counted.Outcome, counted.Value));
    }

    private DailyFiguresRecorder CreateSut() => new(Db.Calendars, Db.People, new DashboardStore(Db.Database, Time), Db.Figures, Time);
}
