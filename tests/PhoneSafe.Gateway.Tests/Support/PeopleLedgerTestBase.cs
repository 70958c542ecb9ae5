using PhoneSafe.Gateway.Model;

namespace PhoneSafe.Gateway.Tests.Support;

/// <summary>
/// A store test over a real ledger with three people enrolled: a teacher (T1), an office member (O1) and a pupil
/// (P1), each with one credential; the clock starts on Monday 5 January 2026, 08:00 UTC.
/// </summary>
/// <param name="storage">The provider the concrete subclass runs on.</param>
public abstract class PeopleLedgerTestBase(TestStorage storage) : DatabaseTestBase(storage, new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.Zero))
{
    protected const string School = "s";

    protected static readonly string StaffCredential = new('a', 32);

    protected static readonly string OfficeCredential = new('b', 32);

    protected static readonly string PupilCredential = new('c', 32);

    protected TestLedger Ledger { get; private set; } = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Ledger = await TestLedger.CreateAsync(Db, School);
        CancellationToken ct = TestContext.Current.CancellationToken;
        await Db.People.UpsertAsync(new Person(School, "T1", PersonKind.Staff, "Ms Teacher"), ct);
        await Db.People.UpsertAsync(new Person(School, "O1", PersonKind.Staff, "Mr Office"), ct);
        await Db.People.UpsertAsync(new Person(School, "P1", PersonKind.Pupil, "A Pupil"), ct);
        await Db.People.LinkCredentialAsync(School, StaffCredential, "T1", ct);
        await Db.People.LinkCredentialAsync(School, OfficeCredential, "O1", ct);
        await Db.People.LinkCredentialAsync(School, PupilCredential, "P1", ct);
    }

    /// <summary>A time in January 2026 (UTC).</summary>
    protected static DateTimeOffset Day(int day, int hour = 8) => new(2026, 1, day, hour, 0, 0, TimeSpan.Zero);
}
