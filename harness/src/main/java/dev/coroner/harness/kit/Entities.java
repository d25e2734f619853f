package dev.coroner.harness.kit;

import dev.coroner.coredump.CoreDump;
import dev.coroner.coredump.Instance;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * For {@link StateAllowance#ABSENT_INDEX}: a dump's memories (or globals) and every instance's
 * indices into them, with the {@code u32::MAX} placeholders replaced by the golden's indices and
 * any entity the dump left out put back from the golden.
 *
 * @param entities the memories or globals, in the golden's numbering
 * @param slots each instance's indices, in instance order
 */
record Entities<T>(List<T> entities, List<List<Integer>> slots) {

  /**
   * Restores {@code actual}'s placeholders for memories ({@code memories}) or globals; empty when
   * it has none where the golden has an index, or when the rest does not line up with the golden.
   */
  static <T> Optional<Entities<T>> restore(
      CoreDump golden, CoreDump actual, List<T> goldenEntities, List<T> actualEntities,
      boolean memories) {
    List<List<Integer>> g = slots(golden, memories);
    List<List<Integer>> a = slots(actual, memories);
    TreeSet<Integer> leftOut = new TreeSet<>();
    for (int i = 0; i < g.size(); i++) {
      if (g.get(i).size() != a.get(i).size()) {
        return Optional.empty();
      }
      for (int j = 0; j < g.get(i).size(); j++) {
        int gi = g.get(i).get(j);
        if (a.get(i).get(j) == Instance.ABSENT && gi != Instance.ABSENT) {
          leftOut.add(gi);
        }
      }
    }
    if (leftOut.isEmpty()) {
      return Optional.empty();
    }
    List<List<Integer>> restored = new ArrayList<>();
    if (actualEntities.size() == goldenEntities.size()) {
      // Still captured, only unnamed: put the golden's index in each placeholder.
      for (int i = 0; i < g.size(); i++) {
        List<Integer> row = new ArrayList<>(a.get(i));
        for (int j = 0; j < row.size(); j++) {
          if (row.get(j) == Instance.ABSENT) {
            row.set(j, g.get(i).get(j));
          }
        }
        restored.add(row);
      }
      return Optional.of(new Entities<>(actualEntities, restored));
    }
    if (actualEntities.size() != goldenEntities.size() - leftOut.size()) {
      return Optional.empty();
    }
    // Left out: every other index must be the golden's, shifted down past the left-out ones.
    for (int i = 0; i < g.size(); i++) {
      for (int j = 0; j < g.get(i).size(); j++) {
        int gi = g.get(i).get(j);
        int ai = a.get(i).get(j);
        if (ai == Instance.ABSENT) {
          continue;
        }
        if (leftOut.contains(gi) || ai != gi - leftOut.headSet(gi).size()) {
          return Optional.empty();
        }
      }
      restored.add(g.get(i));
    }
    List<T> entities = new ArrayList<>();
    for (int k = 0; k < goldenEntities.size(); k++) {
      entities.add(
          leftOut.contains(k)
              ? goldenEntities.get(k)
              : actualEntities.get(k - leftOut.headSet(k).size()));
    }
    return Optional.of(new Entities<>(entities, restored));
  }

  private static List<List<Integer>> slots(CoreDump dump, boolean memories) {
    List<List<Integer>> out = new ArrayList<>();
    for (Instance inst : dump.instances()) {
      out.add(memories ? inst.memories() : inst.globals());
    }
    return out;
  }
}
