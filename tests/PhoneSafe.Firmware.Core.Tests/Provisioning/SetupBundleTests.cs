using System.Collections;
using System.Text;
using PhoneSafe.Firmware.Core.Provisioning;
using PhoneSafe.Firmware.Virtual;
using Xunit;

namespace PhoneSafe.Firmware.Core.Tests.Provisioning;

/// <summary>
/// The setup bundle: sealed at the gateway, opened on the locker only with its code; the provisioner and setup page
/// that store it.
/// </summary>
public sealed class SetupBundleTests
{
    private const string Code = "ABCD-EFGH-JKMN-PQRS";
    private static readonly DateTime Expires = new(2027, 1, 10, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void TryOpen_RightCodeTypedLoosely_ReturnsEverySetting()
    {
        string text = Seal(Code);

        bool opened = SetupBundle.TryOpen(" " + text + "\n", "abcd efgh-jkmnpqrs", out Hashtable settings, out string error);

        Assert.True(opened, error);
        Assert.Equal("hillside", Encoding.UTF8.GetString((byte[])settings[SettingNames.School]));
        Assert.Equal(Enumerable.Repeat((byte)7, 32), (byte[])settings[SettingNames.DeviceKey]);
        Assert.Equal(10, settings.Count);
    }

    [Fact]
    public void TryOpen_WrongCode_RefusedWithoutSettings()
    {
        bool opened = SetupBundle.TryOpen(Seal(Code), "ABCD-EFGH-JKMN-PQRT", out Hashtable settings, out string error);

        Assert.False(opened);
        Assert.Null(settings);
        Assert.Contains("does not match", error);
    }

    [Fact]
    public void TryOpen_OneCharacterChanged_Refused()
    {
        string text = Seal(Code);
        int at = text.Length / 2;
        string changed = text[..at] + (text[at] == 'A' ? 'B' : 'A') + text[(at + 1)..];

        Assert.False(SetupBundle.TryOpen(changed, Code, out _, out _));
    }

    [Fact]
    public void Seal_SameSettingsTwice_CiphertextDiffersWithTheSalt_AndHidesTheWifiPassword()
    {
        string first = Seal(Code);
        string second = Seal(Code, salt: 2);

        Assert.NotEqual(first, second);
        Assert.DoesNotContain("s3cret-wifi", Encoding.Latin1.GetString(Convert.FromBase64String(first[SetupBundle.Prefix.Length..])));
    }

    [Fact]
    public void Apply_ValidBundle_StoresSettingsAndMarksProvisionedOnce()
    {
        var store = new MemorySettingsStore();

        string error = Provisioner.Apply(store, Seal(Code), Code, new VirtualClock());
        string again = Provisioner.Apply(store, Seal(Code), Code, new VirtualClock());

        Assert.Null(error);
        Assert.True(Provisioner.IsProvisioned(store));
        Assert.Equal("lk-1", Provisioner.ReadLockerSettings(store).Device);
        Assert.Equal("school-wifi", Encoding.UTF8.GetString(store.Read(SettingNames.WifiSsid)));
        Assert.Null(store.Read(Provisioner.ExpiresEntry));
        Assert.Contains("already set up", again);
    }

    [Theory]
    [InlineData(2027, 1, 10, 11, true)]
    [InlineData(2027, 1, 10, 13, false)]
    public void Apply_SynchronizedClock_RefusesAnExpiredBundle(int year, int month, int day, int hour, bool accepted)
    {
        var store = new MemorySettingsStore();
        var clock = new VirtualClock();
        clock.Synchronize(new DateTime(year, month, day, hour, 0, 0, DateTimeKind.Utc));

        string error = Provisioner.Apply(store, Seal(Code), Code, clock);

        Assert.Equal(accepted, error is null);
        Assert.Equal(accepted, Provisioner.IsProvisioned(store));
    }

    [Fact]
    public void Apply_UnsetClock_AcceptsABundlePastItsExpiry()
    {
        // A new unit's clock may be unset: expiry is then the gateway's to show, not the locker's to judge.
        Assert.Null(Provisioner.Apply(new MemorySettingsStore(), Seal(Code), Code, new VirtualClock()));
    }

    [Fact]
    public void Apply_BundleWithoutBrokerCa_RefusedAndNothingStored()
    {
        var store = new MemorySettingsStore();

        string error = Provisioner.Apply(store, Seal(Code, leaveOut: SettingNames.BrokerCa), Code, new VirtualClock());

        Assert.Contains(SettingNames.BrokerCa, error);
        Assert.Equal(0, store.WriteCount);
    }

    [Fact]
    public void Handle_FormPostedAsABrowserDoes_StoresTheBundle()
    {
        var store = new MemorySettingsStore();
        var sut = new SetupPage(store, new VirtualClock(), "PhoneSafe-setup-1A2B");
        string body = "bundle=" + Uri.EscapeDataString(Seal(Code)) + "&code=" + Uri.EscapeDataString("abcd-efgh-jkmn-pqrs");
        string request = "POST / HTTP/1.1\r\nHost: 192.168.4.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: " + body.Length + "\r\n\r\n" + body;

        int expected = SetupPage.ExpectedLength(request[..(request.Length - body.Length)]);
        string response = sut.Handle(request);

        Assert.Equal(request.Length, expected);
        Assert.StartsWith("HTTP/1.0 200 OK", response);
        Assert.True(sut.Provisioned);
        Assert.True(Provisioner.IsProvisioned(store));
    }

    [Fact]
    public void Handle_WrongCode_400WithTheReasonEscapedAndTheFormAgain()
    {
        var sut = new SetupPage(new MemorySettingsStore(), new VirtualClock(), "PhoneSafe-setup-<1A2B>");

        string response = sut.Handle("POST / HTTP/1.1\r\n\r\nbundle=" + Uri.EscapeDataString(Seal(Code)) + "&code=WRONG");

        Assert.StartsWith("HTTP/1.0 400", response);
        Assert.Contains("does not match", response);
        Assert.Contains("&lt;1A2B&gt;", response);
        Assert.Contains("<form", response);
        Assert.False(sut.Provisioned);
    }

    private static string Seal(string code, int salt = 1, string leaveOut = null)
    {
        var settings = new List<(string, byte[])>
        {
            (SettingNames.School, Encoding.UTF8.GetBytes("hillside")),
            (SettingNames.Device, Encoding.UTF8.GetBytes("lk-1")),
            (SettingNames.DeviceKey, Enumerable.Repeat((byte)7, 32).ToArray()),
            (SettingNames.CredentialKey, Enumerable.Repeat((byte)9, 32).ToArray()),
            (SettingNames.WifiSsid, Encoding.UTF8.GetBytes("school-wifi")),
            (SettingNames.WifiPassword, Encoding.UTF8.GetBytes("s3cret-wifi")),
            (SettingNames.BrokerHost, Encoding.UTF8.GetBytes("gateway.school.local")),
            (SettingNames.BrokerCa, Encoding.UTF8.GetBytes("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n")),
            (Provisioner.BundleIdEntry, Encoding.UTF8.GetBytes("b-1")),
            (Provisioner.ExpiresEntry, Encoding.UTF8.GetBytes("2027-01-10T12:00:00Z")),
        };
        settings.RemoveAll(s => s.Item1 == leaveOut);
        return SetupBundle.Seal([.. settings.Select(s => s.Item1)], [.. settings.Select(s => s.Item2)], code, Enumerable.Repeat((byte)salt, SetupBundle.SaltBytes).ToArray());
    }
}
