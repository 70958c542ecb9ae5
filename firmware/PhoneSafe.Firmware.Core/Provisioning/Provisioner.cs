using System;
using System.Collections;
using System.Text;
using PhoneSafe.Firmware.Core.Hardware;
using PhoneSafe.Firmware.Core.Locker;
using PhoneSafe.Firmware.Core.Protocol;

namespace PhoneSafe.Firmware.Core.Provisioning
{
    /// <summary>
    /// Turns a new locker into a school's locker: checks a setup bundle and its code, then stores the settings it
    /// carries. A locker is provisioned once the bundle identifier is stored, which is written last: a power cut while
    /// the settings are written leaves the locker in setup mode, and the same bundle can be entered again.
    /// </summary>
    public static class Provisioner
    {
        /// <summary>The bundle entry with the bundle's identifier (stored as <see cref="SettingNames.SetupBundle"/>).</summary>
        public const string BundleIdEntry = "bundleId";

        /// <summary>The bundle entry with its expiry, ISO 8601 UTC (not stored).</summary>
        public const string ExpiresEntry = "expires";

        private const int KeyBytes = 32;

        private static readonly string[] RequiredText = new string[] { SettingNames.School, SettingNames.Device, SettingNames.WifiSsid, SettingNames.BrokerHost, SettingNames.BrokerCa, BundleIdEntry, ExpiresEntry };

        /// <summary>
        /// Tells whether a locker has been provisioned.
        /// </summary>
        /// <param name="store">The locker's settings.</param>
        /// <returns>true when a bundle was stored completely.</returns>
        public static bool IsProvisioned(ISettingsStore store)
        {
            return store.Read(SettingNames.SetupBundle) != null;
        }

        /// <summary>
        /// Reads the identity and keys a bundle stored.
        /// </summary>
        /// <param name="store">The locker's settings.</param>
        /// <returns>The locker's settings.</returns>
        public static LockerSettings ReadLockerSettings(ISettingsStore store)
        {
            LockerSettings settings = new LockerSettings();
            settings.School = Text(store.Read(SettingNames.School));
            settings.Device = Text(store.Read(SettingNames.Device));
            settings.DeviceKey = store.Read(SettingNames.DeviceKey);
            settings.CredentialKey = store.Read(SettingNames.CredentialKey);
            settings.RecoversOccupancy = true;
            return settings;
        }

        /// <summary>
        /// Opens a bundle, checks it and stores its settings.
        /// </summary>
        /// <param name="store">The locker's settings.</param>
        /// <param name="bundle">The bundle text.</param>
        /// <param name="code">The setup code as typed.</param>
        /// <param name="clock">The locker's clock: an expired bundle is refused when the clock is set.</param>
        /// <returns>null when stored, otherwise why not, for the technician.</returns>
        public static string Apply(ISettingsStore store, string bundle, string code, IClock clock)
        {
            if (IsProvisioned(store))
            {
                return "This locker is already set up; a bundle is used once.";
            }

            Hashtable settings;
            string error;
            if (!SetupBundle.TryOpen(bundle, code, out settings, out error))
            {
                return error;
            }

            error = Check(settings, clock);
            if (error != null)
            {
                return error;
            }

            foreach (DictionaryEntry entry in settings)
            {
                string name = (string)entry.Key;
                if (name != BundleIdEntry && name != ExpiresEntry)
                {
                    store.Write(name, (byte[])entry.Value);
                }
            }

            store.Write(SettingNames.SetupBundle, (byte[])settings[BundleIdEntry]);
            return null;
        }

        private static string Check(Hashtable settings, IClock clock)
        {
            for (int i = 0; i < RequiredText.Length; i++)
            {
                if (Text(settings, RequiredText[i]) == null)
                {
                    return "The bundle has no " + RequiredText[i] + ".";
                }
            }

            if (!Identifiers.IsValid(Text(settings, SettingNames.School)) || !Identifiers.IsValid(Text(settings, SettingNames.Device)))
            {
                return "The bundle's school or locker name is not valid.";
            }

            if (!IsKey(settings[SettingNames.DeviceKey]) || !IsKey(settings[SettingNames.CredentialKey]))
            {
                return "The bundle's keys are not 32 bytes.";
            }

            DateTime expires;
            if (!IsoTime.TryParse(Text(settings, ExpiresEntry), out expires))
            {
                return "The bundle's expiry is not a time.";
            }

            if (clock.IsSynchronized && clock.UtcNow > expires)
            {
                return "This bundle expired at " + IsoTime.Format(expires) + "; print a new sheet at the gateway.";
            }

            return null;
        }

        private static bool IsKey(object value)
        {
            byte[] key = value as byte[];
            return key != null && key.Length == KeyBytes;
        }

        private static string Text(Hashtable settings, string name)
        {
            return Text(settings[name] as byte[]);
        }

        private static string Text(byte[] value)
        {
            return value == null || value.Length == 0 ? null : Encoding.UTF8.GetString(value, 0, value.Length);
        }
    }
}
