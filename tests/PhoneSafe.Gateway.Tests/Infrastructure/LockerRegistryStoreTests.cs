using PhoneSafe.Firmware.Core.Protocol;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Options;
using PhoneSafe.Gateway.Policy;
using PhoneSafe.Gateway.Tests.Support;

namespace PhoneSafe.Gateway.Tests.Infrastructure;

/// <summary>LockerRegistryStore on a real database, once per provider.</summary>
public abstract class LockerRegistryStoreTests(TestStorage storage) : DatabaseTestBase(storage, new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero))
{

    [Fact]
    public async Task RegisterAssignPublish_ThenList_ShowsUnitReservationAndVersion()
    {
        LockerRegistryStore sut = CreateSut();
        await Db.Ledger.EnsureSchoolAsync("s", new byte[32], TestContext.Current.CancellationToken);
        await Db.Ledger.EnsureLockerAsync("s", "lk-1", new byte[32], TestContext.Current.CancellationToken);

        Assert.True(await sut.RegisterAsync("s", "lk-1", LockerKind.Classroom, 8, TestContext.Current.CancellationToken));
        Assert.False(await sut.RegisterAsync("s", "lk-1", LockerKind.Office, 4, TestContext.Current.CancellationToken));
        await sut.AssignAsync("s", "lk-1", 2, "T1", TestContext.Current.CancellationToken);
        await sut.AssignAsync("s", "lk-1", 3, "T1", TestContext.Current.CancellationToken);
        await sut.RecordPublishedAsync("s", "lk-1", 1, "a", TestContext.Current.CancellationToken);
        await sut.RecordPublishedAsync("s", "lk-1", 2, "b", TestContext.Current.CancellationToken);

        CompartmentAssignment assignment = Assert.Single(await sut.ListAssignmentsAsync("s", null, TestContext.Current.CancellationToken));
        Assert.Equal((3, "T1"), (assignment.Compartment, assignment.PersonId));
        Assert.Equal((2L, "b"), await sut.GetPublishedAsync("s", "lk-1", TestContext.Current.CancellationToken));
        LockerInfo info = Assert.Single(await sut.ListLockersAsync("s", null, TestContext.Current.CancellationToken));
        Assert.Equal((LockerKind.Classroom, 8, 2L), (info.Kind, info.Compartments, info.PublishedVersion));
        Assert.True(await sut.IsProvisionedAsync("s", "lk-1", TestContext.Current.CancellationToken));
        Assert.True(await sut.ClearAsync("s", "lk-1", 3, TestContext.Current.CancellationToken));
        Assert.Equal(["s"], await sut.ListSchoolsAsync(TestContext.Current.CancellationToken));
    }

    private LockerRegistryStore CreateSut() => Db.Registry;
}
