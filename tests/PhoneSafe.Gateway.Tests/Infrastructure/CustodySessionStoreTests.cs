using PhoneSafe.Firmware.Core.Protocol;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Options;
using PhoneSafe.Gateway.Policy;
using PhoneSafe.Gateway.Tests.Support;

namespace PhoneSafe.Gateway.Tests.Infrastructure;

/// <summary>Custody sessions over a real ledger on a real database, once per provider.</summary>
public abstract class CustodySessionStoreTests(TestStorage storage) : DatabaseTestBase(storage, new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.Zero))
{
    private const string School = "s";
    private static readonly string s_staff = new('a', 32);
    private static readonly string s_office = new('b', 32);
    private static readonly string s_pupil = new('c', 32);
    private TestLedger _ledger = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        _ledger = await TestLedger.CreateAsync(Db, School);
        await Db.People.UpsertAsync(new Person(School, "T1", PersonKind.Staff, "Ms Teacher"), TestContext.Current.CancellationToken);
        await Db.People.UpsertAsync(new Person(School, "O1", PersonKind.Staff, "Mr Office"), TestContext.Current.CancellationToken);
        await Db.People.UpsertAsync(new Person(School, "P1", PersonKind.Pupil, "A Pupil"), TestContext.Current.CancellationToken);
        await Db.People.LinkCredentialAsync(School, s_staff, "T1", TestContext.Current.CancellationToken);
        await Db.People.LinkCredentialAsync(School, s_office, "O1", TestContext.Current.CancellationToken);
        await Db.People.LinkCredentialAsync(School, s_pupil, "P1", TestContext.Current.CancellationToken);
    }

    private DateTimeOffset Day(int day, int hour = 8) => new(2026, 1, day, hour, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task List_StaffAndOfficeIntake_PairsDepositsWithRetrievalsPerCompartment()
    {
        await _ledger.CommitAsync(EventType.Deposit, Day(5, 8), s_staff, compartment: 1);
        await _ledger.CommitAsync(EventType.Deposit, Day(5, 9), s_office, s_pupil, compartment: 2);
        await _ledger.CommitAsync(EventType.Retrieve, Day(5, 12), s_staff, compartment: 1);
        await _ledger.CommitAsync(EventType.Retrieve, Day(5, 15), s_office, s_pupil, compartment: 2);
        await _ledger.CommitAsync(EventType.Deposit, Day(6, 8), s_staff, compartment: 1);

        IReadOnlyList<CustodySession> all = await CreateSut().ListAsync(School, null, null, null, TestContext.Current.CancellationToken);

        Assert.Equal(
            ["T1 1 08:00-12:00 staff", "P1 2 09:00-15:00 pupil by O1", "T1 1 08:00-open staff"],
            all.Select(s => $"{s.PersonId} {s.Compartment} {s.InUtc:HH:mm}-{(s.OutUtc is { } o ? o.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture) : "open")} {(s.Pupil ? "pupil by " + s.InBy : "staff")}"));
        Assert.Single(await CreateSut().ListAsync(School, "P1", null, null, TestContext.Current.CancellationToken));
        Assert.Single(await CreateSut().ListAsync(School, "T1", Day(6), null, TestContext.Current.CancellationToken));
        Assert.Equal(2, (await CreateSut().ListAsync(School, null, null, Day(5, 10), TestContext.Current.CancellationToken)).Count);
    }

    private CustodySessionStore CreateSut() => new(Db.Database);
}
