package io.monocoque.hdr.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import io.monocoque.hdr.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileKindTest
{
    @TempDir
    Path dir;

    @Test
    void contentDecidesWhateverTheExtension() throws Exception
    {
        final Path hgrm = TestData.writeHgrm(dir.resolve("looks.hlog"), TestData.uniform(100, 3), 1.0);
        final Path hlog = TestData.writeHlog(dir.resolve("looks.txt"), 1000L, TestData.intervals(1, 2, 10, -1));
        final Path csv = dir.resolve("x.csv");
        Files.writeString(csv, TestData.hgrmText(TestData.uniform(100, 3), 1.0, true));
        assertEquals(FileKind.HGRM, FileKind.detect(hgrm));
        assertEquals(FileKind.HLOG, FileKind.detect(hlog));
        assertEquals(FileKind.HGRM, FileKind.detect(csv));
    }

    @Test
    void extensionDecidesWhenContentCannot() throws Exception
    {
        final Path emptyHgrm = Files.writeString(dir.resolve("e.hgrm"), "");
        final Path emptyHlog = Files.writeString(dir.resolve("e.HLOG"), "\n");
        final Path unknown = Files.writeString(dir.resolve("e.dat"), "hello");
        assertEquals(FileKind.HGRM, FileKind.detect(emptyHgrm));
        assertEquals(FileKind.HLOG, FileKind.detect(emptyHlog));
        assertThrows(HdrFormatException.class, () -> FileKind.detect(unknown));
        assertThrows(NoSuchFileException.class, () -> FileKind.detect(dir.resolve("missing.hgrm")));
    }
}
