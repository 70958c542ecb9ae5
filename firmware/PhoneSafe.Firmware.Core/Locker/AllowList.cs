using System.Collections;
using PhoneSafe.Firmware.Core.Protocol;

namespace PhoneSafe.Firmware.Core.Locker
{
    /// <summary>
    /// The credentials a locker accepts offline, indexed by credential hash.
    /// </summary>
    public sealed class AllowList
    {
        private readonly Hashtable _byCredential = new Hashtable();
        private readonly Hashtable _assignedCompartments = new Hashtable();

        /// <summary>Gets how many credentials are allowed.</summary>
        public int Count => _byCredential.Count;

        /// <summary>
        /// Replaces the list.
        /// </summary>
        /// <param name="entries"><see cref="AllowEntry"/> items.</param>
        public void Load(ArrayList entries)
        {
            _byCredential.Clear();
            _assignedCompartments.Clear();
            for (int i = 0; i < entries.Count; i++)
            {
                AllowEntry entry = (AllowEntry)entries[i];
                _byCredential[entry.Credential] = entry;
                if (entry.Compartment > 0)
                {
                    _assignedCompartments[entry.Compartment] = entry.Credential;
                }
            }
        }

        /// <summary>
        /// Looks up a credential.
        /// </summary>
        /// <param name="credential">The credential hash.</param>
        /// <returns>The entry, or null when not allowed.</returns>
        public AllowEntry Find(string credential)
        {
            return (AllowEntry)_byCredential[credential];
        }

        /// <summary>
        /// Tells whether a compartment is reserved for someone.
        /// </summary>
        /// <param name="compartment">Compartment number.</param>
        /// <returns>true when assigned.</returns>
        public bool IsAssigned(int compartment)
        {
            return _assignedCompartments.Contains(compartment);
        }

        /// <summary>
        /// Gets whom a compartment is reserved for.
        /// </summary>
        /// <param name="compartment">Compartment number.</param>
        /// <returns>The credential hash, or empty when the compartment is not assigned.</returns>
        public string AssignedTo(int compartment)
        {
            string credential = (string)_assignedCompartments[compartment];
            return credential == null ? string.Empty : credential;
        }
    }
}
