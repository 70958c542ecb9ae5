using System.Text;

namespace PhoneSafe.Firmware.Core.Update
{
    /// <summary>
    /// Which firmware the resident loader starts: the confirmed slot (or the application deployed with the loader), or
    /// a new one on trial. Text, one "name=value" per line, kept by <see cref="Hardware.IFirmwareStorage"/>. The loader
    /// compiles this file too, so both read it the same way.
    /// </summary>
    public sealed class BootRecord
    {
        /// <summary>Boots into a trial slot before the loader gives up on it (a new firmware that keeps crashing).</summary>
        public const int MaxTrialBoots = 3;

        /// <summary>Gets or sets the confirmed slot ("a" or "b"), or empty for the application deployed with the loader.</summary>
        public string Active { get; set; } = string.Empty;

        /// <summary>Gets or sets the confirmed slot's firmware version, or empty with <see cref="Active"/>.</summary>
        public string ActiveVersion { get; set; } = string.Empty;

        /// <summary>Gets or sets the slot on trial, or empty.</summary>
        public string Trial { get; set; } = string.Empty;

        /// <summary>Gets or sets the trial slot's firmware version, or empty.</summary>
        public string TrialVersion { get; set; } = string.Empty;

        /// <summary>Gets or sets how many times the loader has started the trial slot.</summary>
        public int TrialBoots { get; set; }

        /// <summary>Gets or sets the version last rolled back, or empty.</summary>
        public string RolledBack { get; set; } = string.Empty;

        /// <summary>
        /// Reads a record.
        /// </summary>
        /// <param name="data">The stored bytes, or null.</param>
        /// <returns>The record; a fresh one (the deployed application, nothing on trial) when none or unreadable.</returns>
        public static BootRecord Decode(byte[] data)
        {
            BootRecord record = new BootRecord();
            if (data == null)
            {
                return record;
            }

            string[] lines = Encoding.UTF8.GetString(data, 0, data.Length).Split('\n');
            for (int i = 0; i < lines.Length; i++)
            {
                int equals = lines[i].IndexOf('=');
                if (equals < 0)
                {
                    continue;
                }

                string name = lines[i].Substring(0, equals);
                string value = lines[i].Substring(equals + 1);
                if (name == "active")
                {
                    record.Active = value;
                }
                else if (name == "version")
                {
                    record.ActiveVersion = value;
                }
                else if (name == "trial")
                {
                    record.Trial = value;
                }
                else if (name == "trialVersion")
                {
                    record.TrialVersion = value;
                }
                else if (name == "trialBoots")
                {
                    record.TrialBoots = value.Length == 1 && value[0] >= '0' && value[0] <= '9' ? value[0] - '0' : MaxTrialBoots;
                }
                else if (name == "rolledBack")
                {
                    record.RolledBack = value;
                }
            }

            return record;
        }

        /// <summary>
        /// Writes the record.
        /// </summary>
        /// <returns>UTF-8 text.</returns>
        public byte[] Encode()
        {
            return Encoding.UTF8.GetBytes("active=" + Active + "\nversion=" + ActiveVersion + "\ntrial=" + Trial + "\ntrialVersion=" + TrialVersion
                + "\ntrialBoots=" + TrialBoots.ToString() + "\nrolledBack=" + RolledBack + "\n");
        }

        /// <summary>
        /// The loader's decision at power-on: the trial slot while it has boots left (counting this one), else the
        /// confirmed one; a trial out of boots is rolled back. Write the record back before starting the slot.
        /// </summary>
        /// <returns>The slot to start, or empty for the application deployed with the loader.</returns>
        public string BeginBoot()
        {
            if (Trial.Length != 0)
            {
                if (TrialBoots < MaxTrialBoots)
                {
                    TrialBoots++;
                    return Trial;
                }

                RollBack();
            }

            return Active;
        }

        /// <summary>
        /// Gives up the trial: the confirmed slot starts from the next boot on.
        /// </summary>
        public void RollBack()
        {
            RolledBack = TrialVersion;
            Trial = string.Empty;
            TrialVersion = string.Empty;
            TrialBoots = 0;
        }

        /// <summary>
        /// Keeps the trial: it becomes the confirmed slot.
        /// </summary>
        public void Confirm()
        {
            Active = Trial;
            ActiveVersion = TrialVersion;
            Trial = string.Empty;
            TrialVersion = string.Empty;
            TrialBoots = 0;
        }
    }
}
