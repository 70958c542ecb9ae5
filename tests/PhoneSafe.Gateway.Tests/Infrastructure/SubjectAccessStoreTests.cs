using Microsoft.Extensions.Time.Testing;
using PhoneSafe.Firmware.Core.Protocol;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Options;
using PhoneSafe.Gateway.Policy;
using PhoneSafe.Gateway.Tests.Support;

namespace PhoneSafe.Gateway.Tests.Infrastructure;

/// <summary>The subject access export on a real database, once per provider.</summary>
public abstract class SubjectAccessStoreTests(TestStorage storage) : IAsyncLifetime
{
    private const string School = "s";
    private static readonly string s_staff = new('a', 32);
    private static readonly string s_office = new('b', 32);
    private static readonly string s_pupil = new('c', 32);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.Zero));
    private TestDatabase _db = null!;
    private TestLedger _ledger = null!;

    public async ValueTask InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync(storage, _time);
        _ledger = await TestLedger.CreateAsync(_db, School);
        await _db.People.UpsertAsync(new Person(School, "T1", PersonKind.Staff, "Ms Teacher"), TestContext.Current.CancellationToken);
        await _db.People.UpsertAsync(new Person(School, "O1", PersonKind.Staff, "Mr Office"), TestContext.Current.CancellationToken);
        await _db.People.UpsertAsync(new Person(School, "P1", PersonKind.Pupil, "A Pupil"), TestContext.Current.CancellationToken);
        await _db.People.LinkCredentialAsync(School, s_staff, "T1", TestContext.Current.CancellationToken);
        await _db.People.LinkCredentialAsync(School, s_office, "O1", TestContext.Current.CancellationToken);
        await _db.People.LinkCredentialAsync(School, s_pupil, "P1", TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _db.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    private DateTimeOffset Day(int day, int hour = 8) => new(2026, 1, day, hour, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Export_Pupil_GathersEventsSessionsNoticesAndAuditOfTheirRecordOnly()
    {
        await _ledger.CommitAsync(EventType.Deposit, Day(5, 9), s_office, s_pupil, compartment: 2);
        await _ledger.CommitAsync(EventType.Deposit, Day(5, 9), s_staff, compartment: 1);
        await _db.Exceptions.AddNoticeAsync(new ParentNotice(0, School, "P1", Day(5, 10), "Mr Office", "phone", false, null, default), TestContext.Current.CancellationToken);
        await _db.Users.AuditAsync("slt", "view:person", SubjectAccessStore.AuditDetail(School, "P1"), "-", TestContext.Current.CancellationToken);
        await _db.Users.AuditAsync("slt", "view:person", SubjectAccessStore.AuditDetail(School, "P10"), "-", TestContext.Current.CancellationToken);

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
        _db.Database, _db.People, new CustodySessionStore(_db.Database), _db.Flags, _db.Exceptions, _db.Calendars, _db.Registry, _db.Users, _db.Retention, _time);
}
