package io.chronosguard.engine.repo.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class TreeTest {

    private static Node file(String name) {
        return Node.builder(name, NodeType.FILE).build();
    }

    @Test
    void constructor_sortedUniqueNodes_keepsOrder() {
        Tree t = new Tree(List.of(file("a"), file("b"), file("ａ"), file("😀")));
        assertEquals(4, t.size());
        assertEquals("😀", t.nodes().get(3).nameString());
    }

    @Test
    void constructor_duplicateName_throwsNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Tree(List.of(file("a"), file("dup\"x"), file("dup\"x"))));
        assertTrue(e.getMessage().contains("duplicate node name \"dup\\\"x\" at index 2"), e.getMessage());
    }

    @Test
    void constructor_unsorted_throwsNamingNodes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Tree(List.of(file("😀"), file("ａ"))));
        assertTrue(e.getMessage().contains("not sorted"), e.getMessage());
    }

    @Test
    void sorted_unsortedInput_sortsByUnsignedBytes() {
        Tree t = Tree.sorted(List.of(file("😀emoji"), file("b"), file("ａfullwidth")));
        assertEquals(List.of("b", "ａfullwidth", "😀emoji"),
                t.nodes().stream().map(Node::nameString).toList());
    }

    @Test
    void sorted_duplicate_stillThrows() {
        assertThrows(IllegalArgumentException.class, () -> Tree.sorted(List.of(file("a"), file("a"))));
    }

    @Test
    void find_presentAndAbsent_usesByteOrder() {
        Tree t = Tree.sorted(List.of(file("a"), file("c"), file("ａ"), file("😀")));
        assertEquals("😀", t.find("😀".getBytes(StandardCharsets.UTF_8)).orElseThrow().nameString());
        assertTrue(t.find("b".getBytes(StandardCharsets.UTF_8)).isEmpty());
        assertTrue(new Tree(List.of()).find(new byte[0]).isEmpty());
    }
}
