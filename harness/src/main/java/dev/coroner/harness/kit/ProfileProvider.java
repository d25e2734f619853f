package dev.coroner.harness.kit;

import java.util.List;

/**
 * Brings more {@link Profile}s to {@code coroner kit score --profile}: register an implementation
 * with {@code @AutoService(ProfileProvider.class)} (or a {@code META-INF/services} file) on the
 * class path. A provider's profile never replaces a built-in one of the same name.
 */
public interface ProfileProvider {

  /** The profiles this provider brings. */
  List<Profile> profiles();
}
