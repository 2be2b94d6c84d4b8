package io.newsetl.ingest;

import io.newsetl.model.ConfigException;
import io.newsetl.model.InputException;
import io.newsetl.model.LogSafe;
import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.RemoteIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lists the input files of a run on the driver (paths and sizes only, never contents), sorted by path so that the
 * run does not depend on listing order.
 *
 * <p>Accepts a directory (walked recursively, following symbolic links, loops skipped with a warning), a single
 * file, or a glob such as {@code /crawl/2018-05-2*}{@code /*.txt}. Local paths are walked with NIO; {@code hdfs:},
 * {@code s3a:} and other Hadoop file systems through the Hadoop {@link FileSystem} API.
 *
 * <pre>{@code
 * InputLister.Listing l = InputLister.list("/data/kbs/2018-05-29", hadoopConf);
 * l.files().get(0);  // InputFile[path=file:/data/kbs/2018-05-29/a.txt, size=3595]
 * }</pre>
 */
public final class InputLister {

    private static final Logger LOG = LoggerFactory.getLogger(InputLister.class);

    /** The files found, and what the walk had to skip (symbolic-link loops), for the run log. */
    public record Listing(List<InputFile> files, List<String> warnings) {
        public long totalBytes() {
            return files.stream().mapToLong(f -> Math.max(0, f.getSize())).sum();
        }

        /**
         * The longest directory prefix shared by every listed path, e.g. {@code file:/data/kbs/} for
         * {@code file:/data/kbs/2018/a.txt} and {@code file:/data/kbs/mirror/b.txt}; empty when nothing is listed.
         * The files are sorted, so the first and the last bound the prefix of all.
         */
        public String commonRoot() {
            if (files.isEmpty()) {
                return "";
            }
            String first = files.get(0).getPath();
            String last = files.get(files.size() - 1).getPath();
            int n = 0;
            while (n < Math.min(first.length(), last.length()) && first.charAt(n) == last.charAt(n)) {
                n++;
            }
            return first.substring(0, first.lastIndexOf('/', n - 1) + 1);
        }
    }

    private InputLister() {
    }

    /**
     * Which listed files are input ({@code ingest.include-globs}, {@code ingest.exclude-globs}): globs matched against a file's
     * path relative to its input location, or against its name alone when the glob has no {@code /}. No include
     * glob means every file; an exclude glob wins over an include glob.
     *
     * <pre>{@code
     * InputLister.Filter f = new InputLister.Filter(List.of(), List.of("README*"));
     * f.accepts("sport/001.txt");  // true
     * f.accepts("README.TXT");     // false
     * }</pre>
     */
    public record Filter(List<String> include, List<String> exclude) implements java.io.Serializable {
        public static final Filter ALL = new Filter(List.of(), List.of());

        public boolean accepts(String relativePath) {
            return (include.isEmpty() || include.stream().anyMatch(g -> matches(g, relativePath)))
                    && exclude.stream().noneMatch(g -> matches(g, relativePath));
        }

        private static boolean matches(String glob, String relativePath) {
            String subject = glob.contains("/") ? relativePath
                    : relativePath.substring(relativePath.lastIndexOf('/') + 1);
            return java.nio.file.FileSystems.getDefault().getPathMatcher("glob:" + glob).matches(Path.of(subject));
        }
    }

    public static Listing list(String input, Configuration conf) {
        return list(input, conf, Filter.ALL);
    }

    public static Listing list(String input, Configuration conf, Filter filter) {
        List<InputFile> files = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        List<String> locations = input.startsWith("@") ? manifest(input.substring(1), conf) : List.of(input);
        int excluded = 0;
        for (String location : locations) {
            int before = files.size();
            String root;
            if (isLocal(location) && !isGlob(location)) {
                Path dir = Path.of(stripFileScheme(location)).toAbsolutePath().normalize();
                walkLocal(dir, files, warnings);
                root = "file:" + dir + "/";
            } else {
                listHadoop(location, conf, files);
                root = isGlob(location) ? location.substring(0, location.lastIndexOf('/', firstWildcard(location)) + 1)
                        : location.endsWith("/") ? location : location + "/";
            }
            excluded += keep(files, before, root, filter);
        }
        if (excluded > 0) {
            LOG.info("Input listing: {} files left out by ingest.include-globs / ingest.exclude-globs", excluded);
        }
        files.sort(Comparator.comparing(InputFile::getPath));
        // A file named twice (two manifest lines, overlapping globs) is one input document.
        for (int i = files.size() - 1; i > 0; i--) {
            if (files.get(i).getPath().equals(files.get(i - 1).getPath())) {
                warnings.add("listed twice, read once: " + LogSafe.escape(files.remove(i).getPath()));
            }
        }
        for (String w : warnings) {
            LOG.warn("Input listing: {}", w);
        }
        return new Listing(List.copyOf(files), List.copyOf(warnings));
    }

    /** Drops the files listed from {@code from} on that {@code filter} refuses; returns how many it dropped. */
    private static int keep(List<InputFile> files, int from, String root, Filter filter) {
        if (filter.include().isEmpty() && filter.exclude().isEmpty()) {
            return 0;
        }
        int dropped = 0;
        // Listed paths may be qualified (file:/..., hdfs://nn:8020/...) where the location was not: match the path part.
        String rootPath = root.replaceFirst("^[a-zA-Z][a-zA-Z0-9+.-]*:(//[^/]*)?", "");
        for (int i = files.size() - 1; i >= from; i--) {
            String p = files.get(i).getPath();
            int at = rootPath.isEmpty() ? -1 : p.indexOf(rootPath);
            int cut = at >= 0 ? at + rootPath.length() : p.lastIndexOf('/') + 1;
            // A single-file input is matched by its name.
            String relative = cut >= p.length() ? p.substring(p.lastIndexOf('/') + 1) : p.substring(cut);
            if (!filter.accepts(relative)) {
                files.remove(i);
                dropped++;
            }
        }
        return dropped;
    }

    private static int firstWildcard(String location) {
        int first = location.length();
        for (char c : new char[] {'*', '?', '[', '{'}) {
            int i = location.indexOf(c);
            if (i >= 0) {
                first = Math.min(first, i);
            }
        }
        return first;
    }

    /** The locations of a manifest file: one per line, blank lines and # comments ignored. */
    static List<String> manifest(String manifest, Configuration conf) {
        try {
            org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(manifest);
            FileSystem fs = p.getFileSystem(conf);
            if (!fs.exists(p)) {
                throw new InputException("Cannot read input manifest: " + manifest + " does not exist.");
            }
            String text;
            try (var in = fs.open(p)) {
                text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            }
            List<String> out = text.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
            if (out.isEmpty()) {
                throw new InputException("Input manifest " + manifest + " lists no location.");
            }
            return out;
        } catch (IOException e) {
            throw new InputException("Cannot read input manifest: " + manifest + ": " + e.getMessage());
        }
    }

    public static boolean isLocal(String path) {
        return path.startsWith("file:") || !path.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*");
    }

    public static String stripFileScheme(String path) {
        if (path.startsWith("file://")) {
            return path.substring("file://".length());
        }
        return path.startsWith("file:") ? path.substring("file:".length()) : path;
    }

    /**
     * The listed name of a local file: {@code file:/abs/path} as the path reads, or, when the name's bytes are not
     * valid in the JVM's file-name encoding (a Latin-1 name on a UTF-8 system), its URI form
     * {@code file:///abs/caf%E9.txt}, which keeps the exact bytes percent-escaped and still opens the file
     * ({@link #localPath}).
     */
    static String listedName(Path file) {
        String s = file.toString();
        if (s.indexOf('\uFFFD') < 0 && Path.of(s).equals(file)) {
            return "file:" + s;
        }
        return file.toUri().toString();
    }

    /** The local file a listed path names: the URI form of {@link #listedName} or a plain path after file:. */
    public static Path localPath(String listed) {
        if (listed.startsWith("file:///")) {
            return Path.of(java.net.URI.create(listed));
        }
        return Path.of(stripFileScheme(listed));
    }

    /**
     * Refuses an input that overlaps the output: a listed file inside the output tree (the job's own tables,
     * report, lock) would be read back as articles and rejects. Also refused when the output lies inside the
     * input root, since the next night would read it.
     *
     * @param inputPrefix  the input's folder ({@link #rootOf}) qualified as listed paths spell it, ending with '/';
     *                     null for a manifest (whose lines name many roots)
     * @param outputPrefix the output root as listed paths spell it, ending with '/'
     */
    public static void checkDisjoint(String inputPrefix, Listing listing, String outputPrefix) {
        for (InputFile f : listing.files()) {
            if (f.getPath().startsWith(outputPrefix)) {
                throw new ConfigException("Input and output overlap: " + LogSafe.escape(f.getPath())
                        + " is inside the output " + outputPrefix + "; point --input and --output at separate "
                        + "folders (the job would read its own tables and report as articles).");
            }
        }
        if (inputPrefix == null) {
            return;
        }
        if (outputPrefix.startsWith(inputPrefix)) {
            throw new ConfigException("Input and output overlap: the output " + outputPrefix + " is inside the input "
                    + inputPrefix + "; put the output outside the input tree (later nights would read it as articles).");
        }
        if (inputPrefix.startsWith(outputPrefix)) {
            throw new ConfigException("Input and output overlap: the input " + inputPrefix + " is inside the output "
                    + outputPrefix + "; point --input at the raw files, outside the output tree.");
        }
    }

    /** The folder an input location names: itself, or for a glob the folder before its first wildcard. */
    public static String rootOf(String input) {
        return isGlob(input) ? globRoot(input) : input;
    }

    /** The folder part of a glob before its first wildcard. */
    private static String globRoot(String glob) {
        int slash = glob.lastIndexOf('/', firstWildcard(glob));
        return slash <= 0 ? "/" : glob.substring(0, slash);
    }


    public static boolean isGlob(String location) {
        return location.matches(".*[*?\\[{].*");
    }

    /**
     * Fails with one line when a local input location (not a glob or manifest) does not exist or cannot be read;
     * cheap enough to run before a Spark session starts.
     */
    public static void checkLocalRoot(String location) {
        if (location.startsWith("@") || !isLocal(location) || isGlob(location)) {
            return;
        }
        Path root = Path.of(stripFileScheme(location)).toAbsolutePath().normalize();
        if (!Files.exists(root)) {
            throw new InputException("Cannot read input: " + root + " does not exist.");
        }
        if (!Files.isReadable(root)) {
            throw new InputException("Cannot read input: " + root + " is not readable (check permissions).");
        }
    }

    private static void walkLocal(Path root, List<InputFile> files, List<String> warnings) {
        checkLocalRoot(root.toString());
        try {
            Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
                    new SimpleFileVisitor<>() {
                        @Override
                        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                            if (attrs.isRegularFile()) {
                                files.add(new InputFile(listedName(file), attrs.size()));
                            } else if (attrs.isSymbolicLink()) {
                                // A link that cannot be followed (dangling, no permission) is still an input
                                // entry: reading it makes an UNREADABLE reject rather than a silent skip.
                                files.add(new InputFile(listedName(file), -1));
                            } else if (!attrs.isDirectory()) {
                                warnings.add("skipped " + LogSafe.escape(file.toString())
                                        + ": not a regular file (device, pipe or socket)");
                            }
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFileFailed(Path file, IOException e) {
                            if (e instanceof FileSystemLoopException) {
                                warnings.add("skipped symbolic-link loop at " + LogSafe.escape(file.toString()));
                            } else {
                                // Deleted between the directory read and the stat, or not statable: it is still
                                // an input entry, and reading it will reject it as UNREADABLE.
                                files.add(new InputFile(listedName(file), -1));
                            }
                            return FileVisitResult.CONTINUE;
                        }
                    });
        } catch (IOException e) {
            throw new InputException("Cannot read input: " + root + ": " + e.getMessage());
        }
    }

    private static void listHadoop(String input, Configuration conf, List<InputFile> files) {
        try {
            org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(input);
            FileSystem fs = p.getFileSystem(conf);
            FileStatus[] matches = fs.globStatus(p);
            if (matches == null || matches.length == 0) {
                throw new InputException("Cannot read input: " + input + " does not exist or matches no file.");
            }
            for (FileStatus m : matches) {
                if (m.isFile()) {
                    files.add(new InputFile(m.getPath().toString(), m.getLen()));
                } else {
                    RemoteIterator<LocatedFileStatus> it = fs.listFiles(m.getPath(), true);
                    while (it.hasNext()) {
                        LocatedFileStatus s = it.next();
                        files.add(new InputFile(s.getPath().toString(), s.getLen()));
                    }
                }
            }
        } catch (IOException e) {
            throw new InputException("Cannot read input: " + input + ": " + e.getMessage());
        }
    }

}
