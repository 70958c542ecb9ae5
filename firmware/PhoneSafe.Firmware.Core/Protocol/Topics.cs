namespace PhoneSafe.Firmware.Core.Protocol
{
    /// <summary>
    /// The topic layout: phonesafe/&lt;school&gt;/&lt;locker&gt;/&lt;kind&gt;.
    /// </summary>
    public static class Topics
    {
        /// <summary>The first topic level of every PhoneSafe topic.</summary>
        public const string Prefix = "phonesafe";

        /// <summary>The status payload while a locker is connected.</summary>
        public const string Online = "online";

        /// <summary>The status payload of the Last Will, published by the broker when a locker drops.</summary>
        public const string Offline = "offline";

        /// <summary>
        /// Builds a locker topic.
        /// </summary>
        /// <param name="school">School identifier.</param>
        /// <param name="locker">Locker identifier.</param>
        /// <param name="kind">A <see cref="TopicKind"/> value.</param>
        /// <returns>The topic.</returns>
        public static string For(string school, string locker, string kind)
        {
            return Prefix + "/" + school + "/" + locker + "/" + kind;
        }

        /// <summary>
        /// Builds a subscription filter matching one kind of topic for every locker of every school.
        /// </summary>
        /// <param name="kind">A <see cref="TopicKind"/> value.</param>
        /// <returns>For example phonesafe/+/+/events.</returns>
        public static string AllLockers(string kind)
        {
            return Prefix + "/+/+/" + kind;
        }

        /// <summary>
        /// Splits a locker topic into its parts.
        /// </summary>
        /// <param name="topic">The topic.</param>
        /// <param name="school">School identifier.</param>
        /// <param name="locker">Locker identifier.</param>
        /// <param name="kind">The last level.</param>
        /// <returns>true when the topic has the layout and valid identifiers.</returns>
        public static bool TryParse(string topic, out string school, out string locker, out string kind)
        {
            school = null;
            locker = null;
            kind = null;
            if (topic == null || topic.Length > 128)
            {
                return false;
            }

            string[] parts = topic.Split('/');
            if (parts.Length != 4 || parts[0] != Prefix || !Identifiers.IsValid(parts[1]) || !Identifiers.IsValid(parts[2]))
            {
                return false;
            }

            school = parts[1];
            locker = parts[2];
            kind = parts[3];
            return true;
        }
    }
}
