using PhoneSafe.Firmware.Core.Protocol;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Options;
using PhoneSafe.Gateway.Policy;
using PhoneSafe.Gateway.Tests.Support;

namespace PhoneSafe.Gateway.Tests.Infrastructure;

/// <summary>UserStore on a real database, once per provider.</summary>
public abstract class UserStoreTests(TestStorage storage) : DatabaseTestBase(storage, new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero))
{

    [Fact]
    public async Task Create_TakenName_IsRefused_SignInStateAndAuditRoundTrip()
    {
        UserStore sut = CreateSut();
        var user = new GatewayUser(0, "office.one", "Office One", UserRoles.Office, "s", null);

        Assert.True(await sut.CreateAsync(user, "hash", TestContext.Current.CancellationToken));
        Assert.False(await sut.CreateAsync(user, "hash", TestContext.Current.CancellationToken));
        var found = await sut.FindAsync("office.one", TestContext.Current.CancellationToken);
        await sut.RecordSignInAsync(found!.Value.User.Id, 3, Time.GetUtcNow().AddMinutes(15), false, TestContext.Current.CancellationToken);
        await sut.RecordSignInAsync(found.Value.User.Id, 0, null, true, TestContext.Current.CancellationToken);
        await sut.AuditAsync("office.one", "view:today", "school=s", "127.0.0.1", TestContext.Current.CancellationToken);
        await sut.AuditAsync("office.one", "sign-out", string.Empty, "127.0.0.1", TestContext.Current.CancellationToken);

        var again = await sut.FindAsync("office.one", TestContext.Current.CancellationToken);
        Assert.Equal((0, (DateTimeOffset?)null), (again!.Value.FailedSignIns, again.Value.LockedUntil));
        Assert.Equal(1, await sut.CountAsync(TestContext.Current.CancellationToken));
        Assert.Equal("sign-out", Assert.Single(await sut.GetAuditAsync(1, TestContext.Current.CancellationToken)).Action);
    }

    private UserStore CreateSut() => Db.Users;
}
