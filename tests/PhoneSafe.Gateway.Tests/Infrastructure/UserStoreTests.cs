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

        Assert.True(await sut.CreateAsync(user, "hash", false, TestContext.Current.CancellationToken));
        Assert.False(await sut.CreateAsync(user, "hash", false, TestContext.Current.CancellationToken));
        StoredAccount found = (await sut.FindAsync("office.one", TestContext.Current.CancellationToken))!;
        Assert.True(await sut.TakeSignInAttemptAsync(found.User.Id, 5, TimeSpan.FromMinutes(15), TestContext.Current.CancellationToken));
        await sut.RecordSuccessfulSignInAsync(found.User.Id, TestContext.Current.CancellationToken);
        await sut.AuditAsync("office.one", "view:today", "school=s", "127.0.0.1", TestContext.Current.CancellationToken);
        await sut.AuditAsync("office.one", "sign-out", string.Empty, "127.0.0.1", TestContext.Current.CancellationToken);

        StoredAccount again = (await sut.FindAsync("office.one", TestContext.Current.CancellationToken))!;
        Assert.Equal((0, (DateTimeOffset?)null), (again.FailedSignIns, again.LockedUntil));
        Assert.Equal(32, again.SecurityStamp.Length);
        Assert.Equal(1, await sut.CountAsync(TestContext.Current.CancellationToken));
        Assert.Equal("sign-out", Assert.Single(await sut.GetAuditAsync(1, TestContext.Current.CancellationToken)).Action);
    }

    [Fact]
    public async Task TakeSignInAttempt_ParallelGuesses_EachCountsAndOnlyTheLimitGetThrough()
    {
        UserStore sut = CreateSut();
        await sut.CreateAsync(new GatewayUser(0, "office.one", "Office One", UserRoles.Office, "s", null), "hash", false, TestContext.Current.CancellationToken);
        long id = (await sut.FindAsync("office.one", TestContext.Current.CancellationToken))!.User.Id;

        bool[] taken = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => sut.TakeSignInAttemptAsync(id, 5, TimeSpan.FromMinutes(15), TestContext.Current.CancellationToken))));

        Assert.Equal(5, taken.Count(t => t));
        Assert.Equal(Time.GetUtcNow().AddMinutes(15), (await sut.FindByIdAsync(id, TestContext.Current.CancellationToken))!.LockedUntil);
        Time.Advance(TimeSpan.FromMinutes(15));
        Assert.True(await sut.TakeSignInAttemptAsync(id, 5, TimeSpan.FromMinutes(15), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Changes_LastEnabledAdministratorOfTheSchool_AreRefused()
    {
        UserStore sut = CreateSut();
        long first = await CreateAsync(sut, "admin.one", UserRoles.Admin, "s");
        long second = await CreateAsync(sut, "admin.two", UserRoles.Admin, "s");
        await CreateAsync(sut, "admin.other", UserRoles.Admin, "other");
        CancellationToken ct = TestContext.Current.CancellationToken;

        Assert.Equal(AccountChange.Done, await sut.SetDisabledAsync(first, "s", true, ct));
        Assert.Equal(AccountChange.LastAdministrator, await sut.SetDisabledAsync(second, "s", true, ct));
        Assert.Equal(AccountChange.LastAdministrator, await sut.DeleteAsync(second, "s", ct));
        Assert.Equal(AccountChange.LastAdministrator, await sut.ChangeRoleAsync(second, "s", UserRoles.Slt, null, ct));
        Assert.Equal(AccountChange.Done, await sut.SetPasswordAsync(second, "s", "new-hash", ct));
        Assert.Equal(AccountChange.Done, await sut.DeleteAsync(first, "s", ct));
        Assert.False((await sut.FindByIdAsync(second, ct))!.User.Disabled);
        Assert.Equal(UserRoles.Admin, (await sut.FindByIdAsync(second, ct))!.User.Role);
        Assert.Null(await sut.FindByIdAsync(first, ct));
    }

    [Fact]
    public async Task Changes_AccountOfAnotherSchool_AreNotFound()
    {
        UserStore sut = CreateSut();
        long other = await CreateAsync(sut, "office.other", UserRoles.Office, "other");
        CancellationToken ct = TestContext.Current.CancellationToken;

        Assert.Equal(AccountChange.NotFound, await sut.SetDisabledAsync(other, "s", true, ct));
        Assert.Equal(AccountChange.NotFound, await sut.DeleteAsync(other, "s", ct));
        Assert.Equal(AccountChange.NotFound, await sut.SetPasswordAsync(other, "s", "h", ct));
        Assert.Equal(AccountChange.NotFound, await sut.ChangeRoleAsync(other, "s", UserRoles.Slt, null, ct));
        Assert.Empty(await sut.ListAsync("s", ct));
        Assert.False((await sut.FindByIdAsync(other, ct))!.User.Disabled);
    }

    [Fact]
    public async Task Changes_EachGiveANewSecurityStamp_AndAReusedIdGetsAFreshOne()
    {
        UserStore sut = CreateSut();
        long id = await CreateAsync(sut, "office.one", UserRoles.Office, "s");
        CancellationToken ct = TestContext.Current.CancellationToken;
        var stamps = new List<string> { (await sut.FindByIdAsync(id, ct))!.SecurityStamp };

        await sut.ChangeRoleAsync(id, "s", UserRoles.Slt, null, ct);
        stamps.Add((await sut.FindByIdAsync(id, ct))!.SecurityStamp);
        await sut.SetPasswordAsync(id, "s", "h2", ct);
        stamps.Add((await sut.FindByIdAsync(id, ct))!.SecurityStamp);
        await sut.SetDisabledAsync(id, "s", true, ct);
        StoredAccount disabled = (await sut.FindByIdAsync(id, ct))!;
        stamps.Add(disabled.SecurityStamp);
        await sut.DeleteAsync(id, "s", ct);
        long reused = await CreateAsync(sut, "office.two", UserRoles.Office, "s");
        stamps.Add((await sut.FindByIdAsync(reused, ct))!.SecurityStamp);

        Assert.True(disabled.User.Disabled);
        Assert.Equal(stamps.Count, stamps.Distinct().Count());
    }

    [Fact]
    public async Task Create_OnlyIfFirst_IsRefusedOnceAnAccountExists()
    {
        UserStore sut = CreateSut();
        CancellationToken ct = TestContext.Current.CancellationToken;

        bool[] created = await Task.WhenAll(
            Task.Run(() => sut.CreateAsync(new GatewayUser(0, "admin.one", "A", UserRoles.Admin, "s", null), "h", true, ct)),
            Task.Run(() => sut.CreateAsync(new GatewayUser(0, "admin.two", "B", UserRoles.Admin, "s", null), "h", true, ct)));

        Assert.Equal(1, created.Count(c => c));
        Assert.Equal(1, await sut.CountAsync(ct));
    }

    private static async Task<long> CreateAsync(UserStore sut, string name, string role, string school)
    {
        Assert.True(await sut.CreateAsync(new GatewayUser(0, name, name, role, school, null), "hash", false, TestContext.Current.CancellationToken));
        return (await sut.FindAsync(name, TestContext.Current.CancellationToken))!.User.Id;
    }

    private UserStore CreateSut() => Db.Users;
}
