using PhoneSafe.Firmware.Core.Protocol;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Options;
using PhoneSafe.Gateway.Policy;
using PhoneSafe.Gateway.Tests.Support;

namespace PhoneSafe.Gateway.Tests.Infrastructure;

/// <summary>The subject access export on a real database, once per provider.</summary>
public abstract class SubjectAccessStoreTests(TestStorage storage) : PeopleLedgerTestBase(storage)
{
    [Fact]
    public async Task Export_Pupil_GathersEventsSessionsNoticesAndAuditOfTheirRecordOnly()
    {
        await Ledger.CommitAsync(EventType.Deposit, Day(5, 9), OfficeCredential, PupilCredential, compartment: 2);
        await Ledger.CommitAsync(EventType.Deposit, Day(5, 9), StaffCredential, compartment: 1);
        await Db.Exceptions.AddNoticeAsync(new ParentNotice(0, School, "P1", Day(5, 10), "Mr Office", "phone", false, null, default), TestContext.Current.CancellationToken);
        await Db.Users.AuditAsync("slt", "view:person", SubjectAccessStore.AuditDetail(School, "P1"), "-", TestContext.Current.CancellationToken);
        await Db.Users.AuditAsync("slt", "view:person", SubjectAccessStore.AuditDetail(School, "P10"), "-", TestContext.Current.CancellationToken);

        SubjectAccessExport? export = await CreateSut().ExportAsync(School, "P1", TestContext.Current.CancellationToken);

        Assert.NotNull(export);
        Assert.Equal("A Pupil", export.Person!.DisplayName);
        Assert.Equal(PupilCredential, Assert.Single(export.Credentials).Credential);
        Assert.Equal(PupilCredential, Assert.Single(export.Events).Subject);
        Assert.True(Assert.Single(export.CustodySessions).Pupil);
        Assert.Single(export.ParentNotices);
        Assert.Single(export.Audit);
        Assert.Null(await CreateSut().ExportAsync(School, "NOBODY", TestContext.Current.CancellationToken));
    }

    private SubjectAccessStore CreateSut() => new(
        Db.Database, Db.People, new CustodySessionStore(Db.Database), Db.Flags, Db.Exceptions, Db.Calendars, Db.Registry, Db.Users, Db.Retention, Time);
}
