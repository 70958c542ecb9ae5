using PhoneSafe.Firmware.Core.Protocol;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Options;
using PhoneSafe.Gateway.Policy;
using PhoneSafe.Gateway.Tests.Support;

namespace PhoneSafe.Gateway.Tests.Infrastructure;

/// <summary>The retention purge over a real ledger on a real database, once per provider.</summary>
public abstract class RetentionStoreTests(TestStorage storage) : PeopleLedgerTestBase(storage)
{
    [Fact]
    public async Task Purge_EventsPastRetention_CutAtACheckpointAndTheLedgerStillVerifies()
    {
        await Ledger.CommitAsync(EventType.Deposit, Day(5), StaffCredential);
        await Ledger.CommitAsync(EventType.Retrieve, Day(5, 15), StaffCredential);
        await Ledger.CommitAsync(EventType.DoorForced, Day(6), string.Empty);
        Time.SetUtcNow(Day(5) + TimeSpan.FromDays(122));
        await Ledger.CommitAsync(EventType.Deposit, Time.GetUtcNow(), StaffCredential, compartment: 2);

        RetentionReport report = await CreateSut().PurgeAsync(dryRun: false, TestContext.Current.CancellationToken);

        Assert.Equal(3, report.Events);
        RetentionCut cut = Assert.Single(report.Cuts);
        Assert.Equal((3L, 3L), (cut.ChainIndex, cut.Rows));
        Assert.Empty(report.Held);
        Assert.Equal(["1"], await Db.QueryAsync("SELECT count(*) FROM events"));
        Assert.Equal(["retention"], await Db.QueryAsync("SELECT reason FROM ledger_checkpoints"));
        Assert.Equal(["3"], await Db.QueryAsync("SELECT chain_index FROM ledger_checkpoint_signatures"));
        Assert.Equal(["3"], await Db.QueryAsync("SELECT sum(event_count) FROM event_daily_counts"));
        LedgerVerification verification = await Db.Verifier.VerifyAsync(School, TestContext.Current.CancellationToken);
        Assert.True(verification.Ok, verification.FirstBreak?.Reason);
        Assert.Equal(1, verification.Checkpoints);

        // A second run later cuts again behind a second checkpoint, and the chain still holds.
        await Ledger.CommitAsync(EventType.Retrieve, Time.GetUtcNow().AddHours(1), StaffCredential, compartment: 2);
        Time.Advance(TimeSpan.FromDays(200));
        Assert.Equal(2, (await CreateSut().PurgeAsync(dryRun: false, TestContext.Current.CancellationToken)).Events);
        Assert.True((await Db.Verifier.VerifyAsync(School, TestContext.Current.CancellationToken)).Ok);
    }

    [Fact]
    public async Task Purge_CapturedEventReplayedAfterItsRowWasPurged_IsRefusedNotStoredAgain()
    {
        await Ledger.CommitAsync(EventType.Deposit, Day(5), StaffCredential);
        await Ledger.CommitAsync(EventType.Retrieve, Day(5, 15), StaffCredential);
        Time.SetUtcNow(Day(5) + TimeSpan.FromDays(122));
        await Ledger.CommitAsync(EventType.DoorForced, Time.GetUtcNow(), string.Empty);
        Assert.Equal(2, (await CreateSut().PurgeAsync(dryRun: false, TestContext.Current.CancellationToken)).Events);

        CommitResult replay = await Ledger.SendAgainAsync(Ledger.Sent[0]);
        CommitResult resend = await Ledger.SendAgainAsync(Ledger.Sent[2]);

        Assert.Equal(0, replay.Stored);
        Assert.Equal([RejectReason.Replayed], replay.RejectedReasons);
        Assert.Equal((0, 1), (resend.Stored, resend.Duplicates));
        Assert.Equal(["1"], await Db.QueryAsync("SELECT count(*) FROM events"));
        Assert.Empty(await Db.QueryAsync("SELECT locker FROM custody"));
    }

    [Fact]
    public async Task Purge_PhoneStillInCustody_KeepsOnlyItsDepositAndPurgesTheRest()
    {
        await Ledger.CommitAsync(EventType.DoorForced, Day(5), string.Empty);
        await Ledger.CommitAsync(EventType.Deposit, Day(5, 9), StaffCredential);
        await Ledger.CommitAsync(EventType.DoorForced, Day(5, 10), string.Empty);
        await Ledger.CommitAsync(EventType.Deposit, Day(6, 9), StaffCredential, compartment: 2);
        await Ledger.CommitAsync(EventType.Retrieve, Day(6, 15), StaffCredential, compartment: 2);
        Time.SetUtcNow(Day(5) + TimeSpan.FromDays(400));

        RetentionReport report = await CreateSut().PurgeAsync(dryRun: false, TestContext.Current.CancellationToken);

        Assert.Equal((5L, 4L, 4L), (report.Cuts[0].ChainIndex, report.Cuts[0].Rows, report.Events));
        HeldRecords held = Assert.Single(report.Held);
        Assert.Equal(("custody", 1L, Day(5, 9)), (held.Reason, held.Events, held.OldestUtc));
        Assert.Single(await Db.Ledger.GetCustodyAsync(School, TestContext.Current.CancellationToken));
        Assert.Equal(["2"], await Db.QueryAsync("SELECT chain_index FROM events"));
        Assert.Single(await new CustodySessionStore(Db.Database).ListAsync(School, null, null, null, TestContext.Current.CancellationToken));
        await AssertLedgerVerifiesAsync();

        // The phone comes out: the next purge removes the held deposit too, once the retrieval is past retention.
        await Ledger.CommitAsync(EventType.Retrieve, Time.GetUtcNow(), StaffCredential);
        Time.Advance(TimeSpan.FromDays(200));
        RetentionReport later = await CreateSut().PurgeAsync(dryRun: false, TestContext.Current.CancellationToken);

        Assert.Equal((2L, 0), (later.Events, later.Held.Count));
        Assert.Equal(["0", "0"], [.. await Db.QueryAsync("SELECT count(*) FROM events"), .. await Db.QueryAsync("SELECT count(*) FROM held_events")]);
        await AssertLedgerVerifiesAsync();
    }

    [Fact]
    public async Task Purge_FlagUnderInvestigation_KeepsOnlyItsEvent_ResolvedFalseAlarmGoes()
    {
        await Ledger.CommitAsync(EventType.DoorForced, Day(5), string.Empty);
        await Ledger.CommitAsync(EventType.DoorForced, Day(5, 9), string.Empty);
        await Ledger.CommitAsync(EventType.DoorForced, Day(5, 10), string.Empty);
        await Db.Flags.CommitAsync(
            [("s", new FlagDraft(FlagKind.DoorForced, "a", null, null, "lk-1", 1, 1, Day(5), "a")), ("s", new FlagDraft(FlagKind.DoorForced, "b", null, null, "lk-1", 1, 2, Day(5, 9), "b"))],
            [],
            [],
            null,
            TestContext.Current.CancellationToken);
        List<Flag> flags = await Db.Flags.ListAsync(School, new FlagFilter(), TestContext.Current.CancellationToken);
        long investigated = flags.Single(f => f.EventId == 2).Id;
        long falseAlarm = flags.Single(f => f.EventId == 1).Id;
        await Db.Flags.ReviewAsync(School, [investigated], FlagStatus.UnderInvestigation, null, "CCTV requested", "slt", TestContext.Current.CancellationToken);
        await Db.Flags.ReviewAsync(School, [falseAlarm], FlagStatus.Resolved, FlagResolution.FalseAlarm, "cleaner", "slt", TestContext.Current.CancellationToken);
        Time.SetUtcNow(Day(5) + TimeSpan.FromDays(400));

        RetentionReport report = await CreateSut().PurgeAsync(dryRun: false, TestContext.Current.CancellationToken);

        Assert.Equal((1L, 3L, 2L), (report.Flags, report.Cuts[0].ChainIndex, report.Events));
        Assert.Equal(("flag", 1L), (report.Held[0].Reason, report.Held[0].Events));
        Assert.Equal(investigated, Assert.Single(await Db.Flags.ListAsync(School, new FlagFilter(), TestContext.Current.CancellationToken)).Id);
        Assert.NotNull(await Db.Flags.GetEventAsync(2, TestContext.Current.CancellationToken));
        Assert.Equal(report.Held, await CreateSut().ListHeldAsync(School, TestContext.Current.CancellationToken));
        await AssertLedgerVerifiesAsync();
    }

    [Fact]
    public async Task Verify_HeldEventChangedAfterThePurge_IsABreak()
    {
        await Ledger.CommitAsync(EventType.DoorForced, Day(5), string.Empty);
        await Ledger.CommitAsync(EventType.Deposit, Day(5, 9), StaffCredential);
        await Ledger.CommitAsync(EventType.DoorForced, Day(5, 10), string.Empty);
        Time.SetUtcNow(Day(5) + TimeSpan.FromDays(400));
        await CreateSut().PurgeAsync(dryRun: false, TestContext.Current.CancellationToken);

        await Db.QueryAsync("UPDATE held_events SET previous_hash = '" + new string('1', 64) + "'");

        LedgerVerification verification = await Db.Verifier.VerifyAsync(School, TestContext.Current.CancellationToken);
        Assert.False(verification.Ok);
        Assert.Equal(2, verification.FirstBreak!.ChainIndex);
    }

    [Fact]
    public async Task Purge_DryRun_CountsButChangesNothing()
    {
        await Ledger.CommitAsync(EventType.Deposit, Day(5), StaffCredential);
        await Ledger.CommitAsync(EventType.Retrieve, Day(5, 15), StaffCredential);
        await Db.Users.AuditAsync("x", "view:today", string.Empty, "-", TestContext.Current.CancellationToken);
        Time.SetUtcNow(Day(5) + TimeSpan.FromDays(800));

        RetentionReport report = await CreateSut().PurgeAsync(dryRun: true, TestContext.Current.CancellationToken);

        Assert.Equal((2L, 1L), (report.Events, report.Audit));
        Assert.Equal(["2"], await Db.QueryAsync("SELECT count(*) FROM events"));
        Assert.Equal(["0"], await Db.QueryAsync("SELECT count(*) FROM ledger_checkpoints"));
        Assert.Equal(["1"], await Db.QueryAsync("SELECT count(*) FROM audit_log"));
    }

    [Fact]
    public async Task Purge_PupilIntakeAfterEventRetention_KeptAsPupilRecordUntilItsOwnPeriodEnds()
    {
        await Ledger.CommitAsync(EventType.Deposit, Day(5), OfficeCredential, PupilCredential);
        await Ledger.CommitAsync(EventType.Retrieve, Day(5, 15), OfficeCredential, PupilCredential);
        await Db.Exceptions.AddNoticeAsync(new ParentNotice(0, School, "P1", Day(5, 9), "Mr Office", "phone", false, null, default), TestContext.Current.CancellationToken);
        Time.SetUtcNow(Day(5) + TimeSpan.FromDays(150));

        RetentionReport first = await CreateSut().PurgeAsync(dryRun: false, TestContext.Current.CancellationToken);
        Assert.Equal((2L, 2L, 0L), (first.Events, first.PupilRecordsKept, first.ParentNotices));
        Assert.Equal(2, (await Db.Retention.ListPupilRecordsAsync(School, [PupilCredential], TestContext.Current.CancellationToken)).Count);

        Time.SetUtcNow(Day(5) + TimeSpan.FromDays(366));
        RetentionReport second = await CreateSut().PurgeAsync(dryRun: false, TestContext.Current.CancellationToken);
        Assert.Equal((2L, 1L), (second.PupilRecords, second.ParentNotices));
    }

    [Fact]
    public async Task Purge_RevokedCardAndLeaver_RemovedAfterThirtyDays()
    {
        await Db.People.RevokeCredentialAsync(School, "T1", StaffCredential, TestContext.Current.CancellationToken);
        await Db.People.SaveImportAsync(School, [], ["O1"], TestContext.Current.CancellationToken);
        Time.Advance(TimeSpan.FromDays(29));
        Assert.Equal(0, (await CreateSut().PurgeAsync(dryRun: false, TestContext.Current.CancellationToken)).Credentials);

        Time.Advance(TimeSpan.FromDays(2));
        RetentionReport report = await CreateSut().PurgeAsync(dryRun: false, TestContext.Current.CancellationToken);

        Assert.Equal((2L, 1L), (report.Credentials, report.People));
        Assert.Null(await Db.People.FindAsync(School, "O1", TestContext.Current.CancellationToken));
        Assert.NotNull(await Db.People.FindAsync(School, "T1", TestContext.Current.CancellationToken));
    }

    private RetentionStore CreateSut() => Db.Retention;

    private async Task AssertLedgerVerifiesAsync()
    {
        LedgerVerification verification = await Db.Verifier.VerifyAsync(School, TestContext.Current.CancellationToken);
        Assert.True(verification.Ok, verification.FirstBreak?.Reason);
    }
}
