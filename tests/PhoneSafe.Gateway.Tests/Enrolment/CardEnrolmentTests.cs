using System.Text;
using Microsoft.Extensions.Time.Testing;
using PhoneSafe.Firmware.Core.Protocol;
using PhoneSafe.Gateway.Enrolment;
using PhoneSafe.Gateway.Ingest;
using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Options;
using PhoneSafe.Gateway.Tests.Support;

namespace PhoneSafe.Gateway.Tests.Enrolment;

/// <summary>Card enrolment against a real database; run once per provider by <see cref="SqliteCardEnrolmentTests"/> and <see cref="PostgreSqlCardEnrolmentTests"/>.</summary>
public abstract class CardEnrolmentTests(TestStorage storage) : IAsyncLifetime
{
    private const string School = "enrol-school";
    private static readonly byte[] s_uid = [0x04, 0x5A, 0x7E, 0x92, 0xC1, 0x3D, 0x80];

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero));
    private TestDatabase _database = null!;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(storage, _time);
        await _database.People.UpsertAsync(new Person(School, "T001", PersonKind.Staff, "Ann Able"), TestContext.Current.CancellationToken);
        await _database.People.UpsertAsync(new Person(School, "T002", PersonKind.Staff, "Bob Bell"), TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _database.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    [Theory]
    [InlineData("04A1B2C3", "04a1b2c3")]
    [InlineData("04:a1:b2:c3", "04a1b2c3")]
    [InlineData("04 A1 B2 C3 D4 E5 F6", "04a1b2c3d4e5f6")]
    [InlineData("04-A1-B2-C3-D4-E5-F6-07-08-09", "04a1b2c3d4e5f6070809")]
    [InlineData("04A1B2", null)]
    [InlineData("04A1B2C3D4", null)]
    [InlineData("04A1B2CZ", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void TryParseUid_DeskReaderText_AcceptsFourSevenOrTenBytes(string? text, string? expected)
    {
        bool valid = CardEnrolment.TryParseUid(text, out byte[] uid);

        Assert.Equal(expected is not null, valid);
        Assert.Equal(expected ?? string.Empty, Hex.Encode(uid));
    }

    [Fact]
    public async Task EnrolAsync_Uid_StoresOnlyTheKeyedHash_NoDatabaseFileContainsTheUid()
    {
        CardEnrolment sut = CreateSut();

        EnrolmentResult result = await sut.EnrolAsync(School, "T001", "04:5A:7E:92:C1:3D:80", TestContext.Current.CancellationToken);

        byte[] key = await _database.Ledger.EnsureSchoolAsync(School, new byte[32], TestContext.Current.CancellationToken);
        Assert.Equal(EnrolmentStatus.Enrolled, result.Status);
        Assert.Equal(CredentialHash.Compute(key, s_uid), result.Credential!.Credential);
        _database.Ledger.Dispose();
        IReadOnlyList<byte[]> dumps = await storage.DumpAsync();
        Assert.NotEmpty(dumps);
        foreach (byte[] content in dumps)
        {
            Assert.Equal(-1, content.AsSpan().IndexOf(s_uid));
            Assert.Equal(-1, content.AsSpan().IndexOf(Encoding.ASCII.GetBytes("045a7e92c13d80")));
            Assert.Equal(-1, content.AsSpan().IndexOf(Encoding.ASCII.GetBytes("045A7E92C13D80")));
            Assert.Equal(-1, content.AsSpan().IndexOf(Encoding.ASCII.GetBytes("04:5A:7E")));
            Assert.Equal(-1, content.AsSpan().IndexOf(Encoding.Unicode.GetBytes("045A7E")));
        }
    }

    [Fact]
    public async Task EnrolAsync_CardOfSomeoneElse_IsRefusedUntilRevoked()
    {
        CardEnrolment sut = CreateSut();
        EnrolmentResult first = await sut.EnrolAsync(School, "T001", "045A7E92C13D80", TestContext.Current.CancellationToken);

        EnrolmentResult again = await sut.EnrolAsync(School, "T001", "045A7E92C13D80", TestContext.Current.CancellationToken);
        EnrolmentResult other = await sut.EnrolAsync(School, "T002", "045A7E92C13D80", TestContext.Current.CancellationToken);
        bool revoked = await _database.People.RevokeCredentialAsync(School, "T001", first.Credential!.Credential, TestContext.Current.CancellationToken);
        EnrolmentResult afterRevoke = await sut.EnrolAsync(School, "T002", "045A7E92C13D80", TestContext.Current.CancellationToken);

        Assert.Equal(EnrolmentStatus.AlreadyEnrolled, again.Status);
        Assert.Equal(EnrolmentStatus.EnrolledToSomeoneElse, other.Status);
        Assert.True(revoked);
        Assert.Equal(EnrolmentStatus.Enrolled, afterRevoke.Status);
        Assert.Equal("T002", (await _database.People.FindByCredentialAsync(School, first.Credential.Credential, TestContext.Current.CancellationToken))?.PersonId);
    }

    [Fact]
    public async Task EnrolAsync_UnknownPersonOrBadUid_ChangesNothing()
    {
        CardEnrolment sut = CreateSut();

        Assert.Equal(EnrolmentStatus.UnknownPerson, (await sut.EnrolAsync(School, "NOBODY", "04A1B2C3", TestContext.Current.CancellationToken)).Status);
        Assert.Equal(EnrolmentStatus.InvalidUid, (await sut.EnrolAsync(School, "T001", "not-hex", TestContext.Current.CancellationToken)).Status);
        Assert.Equal(["0"], await _database.QueryAsync("SELECT count(*) FROM credentials"));
    }

    [Fact]
    public async Task LinkPendingAsync_CardPresentedAtLocker_IsPendingUntilLinked()
    {
        CardEnrolment sut = CreateSut();
        string presented = new('7', 32);
        await StoreCardPresentedAsync("lk-desk", 1, presented);

        IReadOnlyList<PendingCard> before = await sut.ListPendingAsync(School, TestContext.Current.CancellationToken);
        EnrolmentResult linked = await sut.LinkPendingAsync(School, presented, "T002", TestContext.Current.CancellationToken);
        IReadOnlyList<PendingCard> after = await sut.ListPendingAsync(School, TestContext.Current.CancellationToken);
        EnrolmentResult unknown = await sut.LinkPendingAsync(School, new string('8', 32), "T002", TestContext.Current.CancellationToken);

        Assert.Equal(("lk-desk", presented), (Assert.Single(before).Locker, before[0].Credential));
        Assert.Equal(EnrolmentStatus.Enrolled, linked.Status);
        Assert.Empty(after);
        Assert.Equal(EnrolmentStatus.NotPending, unknown.Status);
        Assert.Equal("T002", (await _database.People.FindByCredentialAsync(School, presented, TestContext.Current.CancellationToken))?.PersonId);
    }

    private CardEnrolment CreateSut() =>
        new(_database.People, _database.Ledger, Microsoft.Extensions.Options.Options.Create(new LockerConfigOptions()), _time);

    private async Task StoreCardPresentedAsync(string locker, long sequence, string credential)
    {
        await _database.Ledger.EnsureSchoolAsync(School, new byte[32], TestContext.Current.CancellationToken);
        await _database.Ledger.EnsureLockerAsync(School, locker, new byte[32], TestContext.Current.CancellationToken);
        var e = new LockerEvent
        {
            Device = locker, Boot = 1, Sequence = sequence, TimestampUtc = _time.GetUtcNow().UtcDateTime, TimeSynchronized = true,
            Type = EventType.CardPresented, Credential = credential, Subject = string.Empty,
        };
        string topic = Topics.For(School, locker, TopicKind.Events);
        var message = new IncomingMessage(topic, EventCodec.Encode(e, new byte[32]), _time.GetUtcNow());
        await _database.Ledger.CommitAsync([new VerifiedMessage(message, MessageDisposition.Event, School, locker, e)], TestContext.Current.CancellationToken);
    }
}
