using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using PhoneSafe.Firmware.Core.Protocol;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Infrastructure.Database;
using PhoneSafe.Gateway.Ingest;
using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Options;
using PhoneSafe.Gateway.Policy;
using PhoneSafe.Gateway.Tests.Support;

namespace PhoneSafe.Gateway.Tests.Policy;

/// <summary>
/// The policy engine over a real ledger, with events committed through LedgerStore; run once per provider by
/// <see cref="SqlitePolicyEngineTests"/> and <see cref="PostgreSqlPolicyEngineTests"/>.
/// </summary>
public abstract class PolicyEngineTests(TestStorage storage) : IAsyncLifetime
{
    private const string School = "engine-school";
    private const string Locker = "lk-1";
    private static readonly string s_staffCredential = new('a', 32);
    private static readonly string s_officeCredential = new('b', 32);
    private static readonly string s_pupilCredential = new('e', 32);
    private readonly FakeTimeProvider _time = new(TestCalendar.Utc("2026-11-25T07:00:00Z"));
    private IDatabase _database = null!;
    private LedgerStore _ledger = null!;
    private FlagStore _flags = null!;
    private MessageVerifier _verifier = null!;
    private byte[] _key = null!;
    private long _sequence;

    public async ValueTask InitializeAsync()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await storage.CreateAsync();
        _database = storage.Open();
        _ledger = new LedgerStore(_database, _time, new KeyProtection(new Microsoft.AspNetCore.DataProtection.EphemeralDataProtectionProvider()));
        var people = new PeopleStore(_database, _time);
        var calendars = new CalendarStore(_database, _time);
        await new DatabaseSchema(_database, [_ledger, people, calendars, new ExceptionStore(_database, _time), new FlagStore(_database, _time)], _time, new CheckpointSigner(new Microsoft.AspNetCore.DataProtection.EphemeralDataProtectionProvider(), Path.Combine(Path.GetTempPath(), "phonesafe-no-checkpoint-key")), Microsoft.Extensions.Logging.Abstractions.NullLogger<DatabaseSchema>.Instance)
            .InitializeAsync(ct);

        await _ledger.EnsureSchoolAsync(School, new byte[32], ct);
        _key = await _ledger.EnsureLockerAsync(School, Locker, Enumerable.Repeat((byte)7, 32).ToArray(), ct);
        var directory = new LockerDirectory(_ledger);
        await directory.LoadAsync(ct);
        _verifier = new MessageVerifier(directory);

        await people.UpsertAsync(new Person(School, "S1", PersonKind.Staff, "Ms Staff"), ct);
        await people.UpsertAsync(new Person(School, "O1", PersonKind.Staff, "Mr Office"), ct);
        await people.UpsertAsync(new Person(School, "P1", PersonKind.Pupil, "Pupil One"), ct);
        await people.LinkCredentialAsync(School, s_staffCredential, "S1", ct);
        await people.LinkCredentialAsync(School, s_officeCredential, "O1", ct);
        await people.LinkCredentialAsync(School, s_pupilCredential, "P1", ct);
        await calendars.SaveAsync(School, TestCalendar.Definition, ct);
        await new ExceptionStore(_database, _time).AddAsync(School, ExceptionKind.SltAgreed, ["O1"], new DateOnly(2026, 9, 1), new DateOnly(2027, 7, 31), "Mrs Head", "office phone duty", "office", ct);
        _flags = new FlagStore(_database, _time);
    }

    public async ValueTask DisposeAsync()
    {
        _ledger?.Dispose();
        await storage.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task RunOnce_EachFlagKind_RaisedExactlyOnce_AndNotAgainAfterRestart()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await CommitAsync(
            Event(EventType.Deposit, "2026-11-25T08:00:00Z", s_officeCredential), // O1's own deposit (the SLT exception covers O1 anyway)
            Event(EventType.Retrieve, "2026-11-25T10:00:00Z", s_staffCredential), // S1 never deposited before 08:45 and retrieves at 10:00
            Event(EventType.DoorForced, "2026-11-25T10:01:00Z", string.Empty),
            Event(EventType.DoorLeftOpen, "2026-11-25T10:02:00Z", s_staffCredential),
            Event(EventType.Deposit, "2026-11-25T10:05:00Z", s_officeCredential, s_pupilCredential), // intake, parents never told
            Event(EventType.Retrieve, "2026-11-25T11:00:00Z", s_officeCredential, s_pupilCredential), // released before home-time
            Event(EventType.BadgeDenied, "2000-01-01T00:00:00Z", s_staffCredential, synced: false));
        await CommitAsync(Status("offline"));

        _time.SetUtcNow(TestCalendar.Utc("2026-11-25T12:30:00Z"));
        await CreateSut().RunOnceAsync(ct);
        await CreateSut().RunOnceAsync(ct); // a second pass and a "restarted" engine raise nothing new
        SqliteConnection.ClearAllPools();
        await CreateSut().RunOnceAsync(ct);

        List<Flag> flags = await _flags.ListAsync(School, new FlagFilter(), ct);
        string[] expected =
        [
            FlagKind.DoorForced, FlagKind.DoorLeftOpen, FlagKind.LockerOffline, FlagKind.NoDepositByContactTime, FlagKind.ParentsNotMadeAware,
            FlagKind.PupilReleasedBeforeHomeTime, FlagKind.StaffRetrieveInContactTime, FlagKind.TimeUnsynchronised,
        ];
        Assert.Equal(expected, flags.Select(f => f.Kind).Order(StringComparer.Ordinal));
        Assert.All(flags, f => Assert.Equal(FlagStatus.Open, f.Status));
        Flag summary = Assert.Single(flags, f => f.Kind == FlagKind.NoDepositByContactTime);
        Assert.Null(summary.PersonId);
        Assert.Contains("1 of 2 staff", summary.Detail, StringComparison.Ordinal); // O1 deposited at 08:00
        Assert.Contains("Ms Staff (S1) by 08:45", summary.Detail, StringComparison.Ordinal);
        Assert.Equal("P1", Assert.Single(flags, f => f.Kind == FlagKind.PupilReleasedBeforeHomeTime).PersonId);
    }

    [Fact]
    public async Task RunOnce_IntakeDeadline_WaitsForTheDeadline_AndANoticeClearsIt()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        var exceptions = new ExceptionStore(_database, _time);
        await CommitAsync(Event(EventType.Deposit, "2026-11-25T09:00:00Z", s_officeCredential, s_pupilCredential));
        _time.SetUtcNow(TestCalendar.Utc("2026-11-25T09:30:00Z"));
        await CreateSut().RunOnceAsync(ct);
        Assert.DoesNotContain(await _flags.ListAsync(School, new FlagFilter(Kind: FlagKind.ParentsNotMadeAware), ct), _ => true);

        await exceptions.AddNoticeAsync(new ParentNotice(0, School, "P1", TestCalendar.Utc("2026-11-25T09:40:00Z"), "Mr Office", "phone", false, null, default), ct);
        _time.Advance(TimeSpan.FromHours(3));
        await CreateSut().RunOnceAsync(ct);

        Assert.Empty(await _flags.ListAsync(School, new FlagFilter(Kind: FlagKind.ParentsNotMadeAware), ct));
    }

    [Fact]
    public async Task RunOnce_SltException_StoresTheFlagAsSuppressed()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await CommitAsync(Event(EventType.Retrieve, "2026-11-25T10:00:00Z", s_officeCredential));
        _time.SetUtcNow(TestCalendar.Utc("2026-11-25T10:05:00Z"));

        await CreateSut().RunOnceAsync(ct);

        Flag flag = Assert.Single(await _flags.ListAsync(School, new FlagFilter(Kind: FlagKind.StaffRetrieveInContactTime), ct));
        Assert.Equal(FlagStatus.Suppressed, flag.Status);
        Assert.NotNull(flag.ExceptionId);
        Assert.Empty(await _flags.ListAsync(School, new FlagFilter(Status: FlagStatus.Open, Kind: FlagKind.StaffRetrieveInContactTime), ct));
    }

    [Fact]
    public async Task RunOnce_NoDeposit_OneSummaryPerDay_RefreshedNotMultiplied()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        _time.SetUtcNow(TestCalendar.Utc("2026-11-25T09:00:00Z"));
        await CreateSut().RunOnceAsync(ct);
        await CommitAsync(Event(EventType.Deposit, "2026-11-25T09:10:00Z", s_staffCredential)); // late: still listed
        _time.SetUtcNow(TestCalendar.Utc("2026-11-25T10:00:00Z"));
        await CreateSut().RunOnceAsync(ct);
        _time.SetUtcNow(TestCalendar.Utc("2026-11-26T09:00:00Z"));
        await CreateSut().RunOnceAsync(ct);

        List<Flag> summaries = await _flags.ListAsync(School, new FlagFilter(Kind: FlagKind.NoDepositByContactTime), ct);
        Assert.Equal(2, summaries.Count); // one per school day, not one per person
        Assert.Contains("Mr Office (O1)", summaries[1].Detail, StringComparison.Ordinal);
        Assert.Contains("Ms Staff (S1)", summaries[1].Detail, StringComparison.Ordinal);
        Assert.Contains("Covered by an exception: Mr Office (O1)", summaries[1].Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("Ms Staff (S1)", summaries[0].Detail, StringComparison.Ordinal); // deposited on the 25th after 09:10, left in overnight
    }

    [Fact]
    public async Task RunOnce_ExpiryRule_ClosesOldSummaries_LeavesBreaches()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await CommitAsync(Event(EventType.DoorForced, "2026-11-25T10:00:00Z", string.Empty));
        _time.SetUtcNow(TestCalendar.Utc("2026-11-25T10:05:00Z"));
        await CreateSut().RunOnceAsync(ct);
        _time.SetUtcNow(TestCalendar.Utc("2026-12-03T07:00:00Z")); // 8 days on, before contact time
        await CreateSut().RunOnceAsync(ct);

        Flag summary = Assert.Single(await _flags.ListAsync(School, new FlagFilter(Kind: FlagKind.NoDepositByContactTime), ct));
        Assert.Equal((FlagStatus.Resolved, FlagResolution.Expired), (summary.Status, summary.Resolution));
        Assert.Equal(FlagStatus.Open, Assert.Single(await _flags.ListAsync(School, new FlagFilter(Kind: FlagKind.DoorForced), ct)).Status);
    }

    [Fact]
    public async Task RunOnce_PupilPhoneStillHeldAnHourAfterHomeTime_FlaggedOnce()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await CommitAsync(Event(EventType.Deposit, "2026-11-25T09:00:00Z", s_officeCredential, s_pupilCredential));
        _time.SetUtcNow(TestCalendar.Utc("2026-11-25T16:00:00Z")); // home-time 15:15, 45 min later
        await CreateSut().RunOnceAsync(ct);
        Assert.Empty(await _flags.ListAsync(School, new FlagFilter(Kind: FlagKind.PupilPhoneNotCollected), ct));

        _time.SetUtcNow(TestCalendar.Utc("2026-11-25T16:20:00Z"));
        await CreateSut().RunOnceAsync(ct);
        await CreateSut().RunOnceAsync(ct);

        Flag flag = Assert.Single(await _flags.ListAsync(School, new FlagFilter(Kind: FlagKind.PupilPhoneNotCollected), ct));
        Assert.Equal("P1", flag.PersonId);
        Assert.Contains("not collected", flag.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Review_OpenToInvestigationToResolved_KeepsEveryChange()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await CommitAsync(Event(EventType.DoorForced, "2026-11-25T10:00:00Z", string.Empty));
        await CreateSut().RunOnceAsync(ct);
        Flag flag = Assert.Single(await _flags.ListAsync(School, new FlagFilter(), ct));

        await _flags.ReviewAsync(School, [flag.Id], FlagStatus.UnderInvestigation, null, "checking CCTV", "Mrs Head", ct);
        Assert.Equal(FlagStatus.UnderInvestigation, (await _flags.GetAsync(School, flag.Id, ct))!.Status);
        (_, IReadOnlyList<string> refusals) = await _flags.ReviewAsync(School, [flag.Id], FlagStatus.Open, null, "undo", "Mrs Head", ct);
        await _flags.ReviewAsync(School, [flag.Id], FlagStatus.Resolved, FlagResolution.FalseAlarm, "caretaker testing the lock", "Mrs Head", ct);

        Assert.Single(refusals);
        Assert.Equal(FlagResolution.FalseAlarm, (await _flags.GetAsync(School, flag.Id, ct))!.Resolution);
        List<FlagHistoryEntry> history = await _flags.GetHistoryAsync(flag.Id, ct);
        Assert.Equal([null, FlagStatus.Open, FlagStatus.UnderInvestigation], history.Select(h => h.FromStatus));
        Assert.Equal([FlagStore.SystemActor, "Mrs Head", "Mrs Head"], history.Select(h => h.By));
        Assert.Equal("caretaker testing the lock", history[^1].Note);
    }

    [Theory]
    [InlineData(1, "2026-11-25T10:00:00Z")]
    [InlineData(2, "2026-11-25T08:00:00Z")]
    public async Task RunOnce_ClockSetBackWithinABoot_PlacesTheEventByArrival_AfterARebootByItsClock(long retrieveBoot, string expectedPlaced)
    {
        // Booted at 07:00; at 10:00 the clock reads 08:00 (set back two hours), when S1 retrieves a phone. In the same
        // boot that is caught; after a reboot (a new boot counter) the locker's time is the only reference there is.
        CancellationToken ct = TestContext.Current.CancellationToken;
        await CommitAsync(
            Event(EventType.Deposit, "2026-11-25T08:00:00Z", s_staffCredential, uptime: TimeSpan.FromHours(1)),
            Event(EventType.Retrieve, "2026-11-25T08:00:00Z", s_staffCredential, boot: retrieveBoot, uptime: TimeSpan.FromHours(3), received: "2026-11-25T10:00:00Z"));
        _time.SetUtcNow(TestCalendar.Utc("2026-11-25T10:05:00Z"));

        await CreateSut().RunOnceAsync(ct);

        StoredEvent retrieve = (await _flags.GetEventsAfterAsync(0, 10, ct))[^1];
        Assert.Equal(TestCalendar.Utc(expectedPlaced), retrieve.PlacedUtc);
        Assert.Equal(
            retrieveBoot == 1,
            (await _flags.ListAsync(School, new FlagFilter(Kind: FlagKind.StaffRetrieveInContactTime), ct)).Any(f => f.OccurredUtc == TestCalendar.Utc("2026-11-25T10:00:00Z")));
    }

    private PolicyEngine CreateSut() => new(
        new FlagStore(_database, _time),
        new CalendarStore(_database, _time),
        new ExceptionStore(_database, _time),
        new PeopleStore(_database, _time),
        new DashboardStore(_database, _time),
        Microsoft.Extensions.Options.Options.Create(new PolicyOptions { BatchSize = 3 }),
        Microsoft.Extensions.Options.Options.Create(new FlagExpiryOptions()),
        _time);

    private IncomingMessage Event(
        string type, string utc, string credential, string subject = "", bool synced = true, long boot = 1, TimeSpan? uptime = null, string? received = null)
    {
        long sequence = ++_sequence;
        var lockerEvent = new LockerEvent
        {
            Device = Locker, Boot = boot, Sequence = sequence, TimestampUtc = TestCalendar.Utc(utc).UtcDateTime, TimeSynchronized = synced,
            UptimeMilliseconds = uptime is { } up ? (long)up.TotalMilliseconds : sequence, Type = type, Compartment = 1, Credential = credential, Subject = subject,
        };
        DateTimeOffset arrival = TestCalendar.Utc(received ?? (synced ? utc : "2026-11-25T11:30:00Z"));
        return new IncomingMessage(Topics.For(School, Locker, TopicKind.Events), EventCodec.Encode(lockerEvent, _key), arrival);
    }

    private IncomingMessage Status(string status) =>
        new(Topics.For(School, Locker, TopicKind.Status), System.Text.Encoding.UTF8.GetBytes(status), TestCalendar.Utc("2026-11-25T11:00:00Z"));

    private Task<CommitResult> CommitAsync(params IncomingMessage[] messages) =>
        _ledger.CommitAsync(messages.Select(_verifier.Verify).ToList(), TestContext.Current.CancellationToken);
}
