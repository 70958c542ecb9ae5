using System.Security.Cryptography.X509Certificates;
using PhoneSafe.Firmware.Core.Protocol;
using PhoneSafe.Gateway.Broker;
using PhoneSafe.Gateway.Commands;

namespace PhoneSafe.Gateway.Tests.Security;

/// <summary>
/// The Mosquitto set-up files without a broker: the password hash form, file permissions, certificates, and a rerun
/// that changes nothing. The broker itself accepting them is <see cref="MosquittoConfigTests"/>.
/// </summary>
public sealed class MosquittoSetupTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("phonesafe-mosquitto-setup-").FullName;

    [Fact]
    public void PasswordHash_MatchesWhatMosquittoPasswdWrote()
    {
        // Written by Debian's mosquitto_passwd 2.0.11: mosquitto_passwd -b -c file alice secret
        const string fromMosquittoPasswd = "$7$101$B44IkKgmsnJNtz/S$ida5wLmRbrV8mD5vmQKSf8QEaSDUj4OM5pWdDSoxq3kK/GZ4japciO+AZtFRhjxW6qxVPkG3c59mNsm1y1i5ag==";

        Assert.Equal(fromMosquittoPasswd, MosquittoPasswords.Hash("secret", Convert.FromBase64String("B44IkKgmsnJNtz/S"), 101));
        Assert.True(MosquittoPasswords.Verify(fromMosquittoPasswd, "secret"));
        Assert.False(MosquittoPasswords.Verify(fromMosquittoPasswd, "Secret"));
        Assert.False(MosquittoPasswords.Verify("$6$B44IkKgmsnJNtz/S$abc", "secret"));
        Assert.StartsWith("$7$101$", MosquittoPasswords.Hash("secret"), StringComparison.Ordinal);
    }

    [Fact]
    public void LockerPassword_IsDerivedFromTheDeviceKey_AndDiffersPerLocker()
    {
        byte[] key = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
        byte[] other = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();

        Assert.Equal("hillside.lk-101", BrokerAccount.UserName("hillside", "lk-101"));
        Assert.Equal(64, BrokerAccount.Password(key).Length);
        Assert.Equal(BrokerAccount.Password(key), BrokerAccount.Password((byte[])key.Clone()));
        Assert.NotEqual(BrokerAccount.Password(key), BrokerAccount.Password(other));
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(key, "phonesafe/mqtt-password/v1"u8.ToArray())), BrokerAccount.Password(key));
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Write_PrivateFilesAreOwnerOnly_CertificatesNameTheHost_AndARerunChangesNothing()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS(), "Unix file modes");
        BrokerLocker[] lockers = [new("hillside", "lk-a", new byte[32]), new("hillside", "lk-b", Enumerable.Repeat((byte)7, 32).ToArray())];
        var options = new MosquittoSetupOptions { OutputDirectory = _directory, Host = "broker.hillside.test", Port = 8883, InstallDirectory = "/etc/mosquitto/phonesafe" };

        MosquittoSetupResult first = MosquittoSetup.Write(options, lockers, TimeProvider.System);

        Assert.Equal(2, first.LockerAccounts);
        Assert.Equal(3, first.ChangedPasswords);
        Assert.True(first.NewAuthority);
        foreach (string secret in new[] { "phonesafe/server.key", "phonesafe/passwd", "phonesafe/acl", "private/ca.key", "gateway/phonesafe-gateway.password" })
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_directory, secret)));
        }

        using X509Certificate2 authority = X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(_directory, "phonesafe", "ca.crt")));
        using X509Certificate2 server = X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(_directory, "phonesafe", "server.crt")));
        Assert.True(server.MatchesHostname("broker.hillside.test"));
        Assert.True(server.MatchesHostname("127.0.0.1"));
        Assert.False(server.MatchesHostname("other.hillside.test"));
        Assert.True(BrokerCertificates.IsCurrent(server, authority, "broker.hillside.test", DateTimeOffset.UtcNow));
        Assert.Equal(authority.Subject, server.Issuer);

        string conf = File.ReadAllText(Path.Combine(_directory, "conf.d", "phonesafe.conf"));
        Assert.Contains("allow_anonymous false", conf, StringComparison.Ordinal);
        Assert.Contains("password_file /etc/mosquitto/phonesafe/passwd", conf, StringComparison.Ordinal);
        Assert.Contains("acl_file /etc/mosquitto/phonesafe/acl", conf, StringComparison.Ordinal);
        Assert.Contains("listener 8883\n", conf, StringComparison.Ordinal);
        Assert.DoesNotContain("127.0.0.1", conf, StringComparison.Ordinal);

        string[] names = ["phonesafe/ca.crt", "phonesafe/server.crt", "phonesafe/server.key", "phonesafe/passwd", "phonesafe/acl", "private/ca.key", "gateway/phonesafe-gateway.password"];
        Dictionary<string, string> before = names.ToDictionary(n => n, n => File.ReadAllText(Path.Combine(_directory, n)));

        MosquittoSetupResult second = MosquittoSetup.Write(options, lockers, TimeProvider.System);

        Assert.Equal(0, second.ChangedPasswords);
        Assert.False(second.NewAuthority);
        Assert.False(second.NewServerCertificate);
        Assert.All(names, n => Assert.Equal(before[n], File.ReadAllText(Path.Combine(_directory, n))));

        // A new host name reissues the server certificate under the same authority; a new device key changes that locker's hash only.
        lockers[1] = lockers[1] with { DeviceKey = Enumerable.Repeat((byte)8, 32).ToArray() };
        MosquittoSetupResult third = MosquittoSetup.Write(new MosquittoSetupOptions { OutputDirectory = _directory, Host = "mqtt.hillside.test", InstallDirectory = "/etc/mosquitto/phonesafe" }, lockers, TimeProvider.System);
        Assert.True(third.NewServerCertificate);
        Assert.False(third.NewAuthority);
        Assert.Equal(1, third.ChangedPasswords);
        Assert.Equal(before["phonesafe/ca.crt"], File.ReadAllText(Path.Combine(_directory, "phonesafe", "ca.crt")));
    }

    [Fact]
    public void Revoke_LeavesTheLockerOutOfPasswordsAndAcl_OnLaterRunsToo()
    {
        BrokerLocker[] lockers = [new("hillside", "lk-a", new byte[32]), new("hillside", "lk-lost", Enumerable.Repeat((byte)7, 32).ToArray())];
        var options = new MosquittoSetupOptions { OutputDirectory = _directory, Host = "localhost" };
        MosquittoSetup.Write(options, lockers, TimeProvider.System);
        Assert.Contains("hillside.lk-lost:", File.ReadAllText(Path.Combine(_directory, "phonesafe", "passwd")), StringComparison.Ordinal);

        MosquittoSetupResult revoked = MosquittoSetup.Write(new MosquittoSetupOptions { OutputDirectory = _directory, Host = "localhost", Revoke = ["hillside.lk-lost"] }, lockers, TimeProvider.System);
        MosquittoSetupResult later = MosquittoSetup.Write(options, lockers, TimeProvider.System);

        Assert.Equal((1, 1), (revoked.LockerAccounts, revoked.Revoked));
        Assert.Equal((1, 1), (later.LockerAccounts, later.Revoked));
        Assert.DoesNotContain("lk-lost", File.ReadAllText(Path.Combine(_directory, "phonesafe", "passwd")), StringComparison.Ordinal);
        Assert.DoesNotContain("lk-lost", File.ReadAllText(Path.Combine(_directory, "phonesafe", "acl")), StringComparison.Ordinal);
        Assert.Contains("hillside.lk-a:", File.ReadAllText(Path.Combine(_directory, "phonesafe", "passwd")), StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => MosquittoSetup.Write(new MosquittoSetupOptions { OutputDirectory = _directory, Host = "localhost", Revoke = ["phonesafe-gateway"] }, lockers, TimeProvider.System));
        Assert.Throws<ArgumentException>(() => MosquittoSetup.Write(new MosquittoSetupOptions { OutputDirectory = _directory, Host = "broker, O=evil" }, lockers, TimeProvider.System));
        Assert.Throws<ArgumentException>(() => MosquittoSetup.Write(new MosquittoSetupOptions { OutputDirectory = _directory, Host = "localhost", InstallDirectory = "/etc/my broker" }, lockers, TimeProvider.System));
    }

    [Fact]
    public void CommandLine_OnlySectionKeysBecomeConfiguration()
    {
        string[] args = ["mosquitto-config", "--out", "/tmp/x", "--host", "broker", "--StorageOptions:DatabasePath", "/tmp/l.db", "--MqttOptions:Port=1884", "--new-ca", "--revoke", "a.b"];

        Assert.Equal(["--StorageOptions:DatabasePath", "/tmp/l.db", "--MqttOptions:Port=1884"], GatewayCommands.ConfigurationArguments(args));
    }

    [Fact]
    public void Acl_GrantsEachLockerOnlyItsOwnTopics()
    {
        string acl = BrokerAcl.MosquittoAclFile(["phonesafe-gateway"], [new BrokerLocker("hillside", "lk-a", new byte[32])]);

        Assert.Equal(
            """
            user phonesafe-gateway
            topic read phonesafe/+/+/events
            topic read phonesafe/+/+/status
            topic read phonesafe/+/+/result
            topic read phonesafe/+/+/progress
            topic write phonesafe/+/+/ack
            topic write phonesafe/+/+/config
            topic write phonesafe/+/+/command
            topic write phonesafe/+/+/restore
            topic write phonesafe/+/+/update

            user hillside.lk-a
            topic write phonesafe/hillside/lk-a/events
            topic write phonesafe/hillside/lk-a/status
            topic write phonesafe/hillside/lk-a/result
            topic write phonesafe/hillside/lk-a/progress
            topic read phonesafe/hillside/lk-a/ack
            topic read phonesafe/hillside/lk-a/config
            topic read phonesafe/hillside/lk-a/command
            topic read phonesafe/hillside/lk-a/restore
            topic read phonesafe/hillside/lk-a/update
            """.ReplaceLineEndings("\n"),
            string.Join('\n', acl.Split('\n').Where(l => !l.StartsWith('#')).SkipWhile(l => l.Length == 0)).TrimEnd('\n'));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
