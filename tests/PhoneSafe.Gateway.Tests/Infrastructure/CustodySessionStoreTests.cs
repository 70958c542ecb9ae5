using PhoneSafe.Firmware.Core.Protocol;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Options;
using PhoneSafe.Gateway.Policy;
using PhoneSafe.Gateway.Tests.Support;

namespace PhoneSafe.Gateway.Tests.Infrastructure;

/// <summary>Custody sessions over a real ledger on a real database, once per provider.</summary>
public abstract class CustodySessionStoreTests(TestStorage storage) : PeopleLedgerTestBase(storage)
{
    [Fact]
    public async Task List_StaffAndOfficeIntake_PairsDepositsWithRetrievalsPerCompartment()
    {
        await Ledger.CommitAsync(EventType.Deposit, Day(5, 8), StaffCredential, compartment: 1);
        await Ledger.CommitAsync(EventType.Deposit, Day(5, 9), OfficeCredential, PupilCredential, compartment: 2);
        await Ledger.CommitAsync(EventType.Retrieve, Day(5, 12), StaffCredential, compartment: 1);
        await Ledger.CommitAsync(EventType.Retrieve, Day(5, 15), OfficeCredential, PupilCredential, compartment: 2);
        await Ledger.CommitAsync(EventType.Deposit, Day(6, 8), StaffCredential, compartment: 1);

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
