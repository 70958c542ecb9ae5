using PhoneSafe.Firmware.Core.Protocol;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Options;
using PhoneSafe.Gateway.Policy;
using PhoneSafe.Gateway.Tests.Support;

namespace PhoneSafe.Gateway.Tests.Infrastructure;

/// <summary>The subject access export on a real database, once per provider.</summary>
public abstract class SubjectAccessStoreTests(TestStorage storage) : DatabaseTestBase(storage, new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.Zero))
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
    public async Task Export_Pupil_GathersEventsSessionsNoticesAndAuditOfTheirRecordOnly()
    {
        await _ledger.CommitAsync(EventType.Deposit, Day(5, 9), s_office, s_pupil, compartment: 2);
        await _ledger.CommitAsync(EventType.Deposit, Day(5, 9), s_staff, compartment: 1);
        await Db.Exceptions.AddNoticeAsync(new ParentNotice(0, School, "P1", Day(5, 10), "Mr Office", "phone", false, null, default), TestContext.Current.CancellationToken);
        await Db.Users.AuditAsync("slt", "view:person", SubjectAccessStore.AuditDetail(School, "P1"), "-", TestContext.Current.CancellationToken);
        await Db.Users.AuditAsync("slt", "view:person", SubjectAccessStore.AuditDetail(School, "P10"), "-", TestContext.Current.CancellationToken);

        SubjectAccessExport? export = await CreateSut().ExportAsync(School, "P1", TestContext.Current.CancellationToken);

        Assert.NotNull(export);
        Assert.Equal("A Pupil", export.Person!.DisplayName);
        Assert.Equal(s_pupil, Assert.Single(export.Credentials).Credential);
        Assert.Equal(s_pupil, Assert.Single(export.Events).Subject);
        Assert.True(Assert.Single(export.CustodySessions).Pupil);
        Assert.Single(export.ParentNotices);
        Assert.Single(export.Audit);
        Assert.Null(await CreateSut().ExportAsync(School, "NOBODY", TestContext.Current.CancellationToken));
    }

    private SubjectAccessStore CreateSut() => new(
        Db.Database, Db.People, new CustodySessionStore(Db.Database), Db.Flags, Db.Exceptions, Db.Calendars, Db.Registry, Db.Users, Db.Retention, Time);
}
